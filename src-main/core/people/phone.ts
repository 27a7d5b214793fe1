import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

/**
 * Normalises a guardian's number to E.164. Only numbers that can receive SMS are accepted: the full
 * metadata is used so a landline is refused at import instead of failing silently at send time.
 */
export function normaliseMobile(raw: string, country: string): PhoneResult {
  const text = raw.trim();
  if (!text) return { ok: false, reason: 'is empty' };
  const parsed = parsePhoneNumberFromString(text, country as CountryCode);
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `'${text}' is not a valid phone number for ${country}` };
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    return { ok: false, reason: `'${text}' is not a mobile number for ${country}` };
  }
  return { ok: true, e164: parsed.number };
}
