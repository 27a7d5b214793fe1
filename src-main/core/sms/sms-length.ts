// How an SMS is encoded and how many segments it costs (sms-protocols.md §4). Pure, for the admin
// preview and for warnings when a template is saved.

// GSM 03.38 basic set (one septet each) and the extension table (ESC + char, two septets).
const gsmBasic = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const gsmExtension = new Set('^{}\\[~]|€\f');

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsPreview {
  /** Characters as a person counts them (code points). */
  characters: number;
  encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2: what the segment limits count. */
  units: number;
  segments: number;
  /** Characters that force UCS-2, each once, in order of appearance. */
  ucs2Characters: string[];
  warnings: string[];
}

/** Encoding, length and segment count of `text` exactly as it would be sent (NFC, as renderTemplate leaves it). */
export function previewSms(text: string): SmsPreview {
  const chars = [...text];
  const ucs2Characters: string[] = [];
  let septets = 0;
  for (const c of chars) {
    if (gsmBasic.has(c)) septets += 1;
    else if (gsmExtension.has(c)) septets += 2;
    else if (!ucs2Characters.includes(c)) ucs2Characters.push(c);
  }
  const encoding: SmsEncoding = ucs2Characters.length === 0 ? 'GSM-7' : 'UCS-2';
  const units = encoding === 'GSM-7' ? septets : text.length;
  const [single, multi] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
  const segments = units === 0 ? 0 : units <= single ? 1 : Math.ceil(units / multi);
  const warnings: string[] = [];
  if (encoding === 'UCS-2') {
    warnings.push(`${ucs2Characters.map((c) => `"${c}"`).join(', ')} ${ucs2Characters.length === 1 ? 'is' : 'are'} not in the GSM-7 alphabet, so the whole text is sent as UCS-2 (70 characters per SMS instead of 160)`);
  }
  if (segments > 1) warnings.push(`the text needs ${segments} SMS segments; keep it to ${single} ${encoding === 'GSM-7' ? 'characters' : 'UCS-2 characters'} for one`);
  if (text !== text.normalize('NFC')) warnings.push('the text is not NFC-normalised; decomposed accents force UCS-2');
  return { characters: chars.length, encoding, units, segments, ucs2Characters, warnings };
}
