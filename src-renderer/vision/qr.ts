// QR cards: the student number printed as a QR code, read from the same snapshot the face pipeline
// uses. jsQR is pure JS, so only a region of the frame is scanned, and only every few frames.
import jsQR from 'jsqr';

/**
 * Scans alternate between two views of the frame. The middle 400 × 300 px at full resolution reads a
 * card held at arm's length (downscaling would leave it under 2 px per module, which jsQR cannot
 * read); the whole frame at half resolution reads a card held close, which overflows the middle.
 */
export const QR_REGION_SHARE = 0.625;

export interface QrView {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Size the region is drawn at before decoding. */
  scale: number;
}

export function qrView(width: number, height: number, scan: number): QrView {
  if (scan % 2 === 1) return { x: 0, y: 0, width, height, scale: 0.5 };
  const w = Math.round(width * QR_REGION_SHARE);
  const h = Math.round(height * QR_REGION_SHARE);
  return { x: Math.round((width - w) / 2), y: Math.round((height - h) / 2), width: w, height: h, scale: 1 };
}

/** Decodes a QR code in RGBA pixels; null when there is none. */
export function decodeQr(rgba: Uint8ClampedArray, width: number, height: number): string | null {
  // Printed cards are dark on light: skipping the inverted pass halves the cost.
  const code = jsQR(rgba, width, height, { inversionAttempts: 'dontInvert' });
  return code && code.data.length > 0 ? code.data : null;
}

/** The same code is not reported again within `quietMs` of reporting it (a card held up is seen on many frames). */
export function createCardDebouncer(quietMs = 3000) {
  const lastReported = new Map<string, number>();
  return {
    /** True when this sighting should be reported. */
    shouldReport(code: string, now: number): boolean {
      for (const [c, at] of lastReported) if (now - at >= quietMs) lastReported.delete(c);
      if (lastReported.has(code)) return false;
      lastReported.set(code, now);
      return true;
    },
  };
}
