import QRCode from 'qrcode';

/** A printed check-in card as the camera would see it: the student number as a QR code, white margin. */
export async function makeQrImage(file: string, text: string): Promise<void> {
  await QRCode.toFile(file, text, { type: 'png', width: 360, margin: 4, errorCorrectionLevel: 'M' });
}
