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
  if (parsed && fictional(parsed.countryCallingCode, parsed.nationalNumber)) {
    return { ok: false, reason: `'${text}' is in the UK's range reserved for drama (07700 900000-900999), which no phone can receive; use a real mobile number` };
  }
  if (!parsed || !parsed.isValid()) return { ok: false, reason: `'${text}' is not a valid phone number for ${country}` };
  const type = parsed.getType();
  if (type !== undefined && type !== 'MOBILE' && type !== 'FIXED_LINE_OR_MOBILE') {
    return { ok: false, reason: `'${text}' is not a mobile number for ${country}` };
  }
  return { ok: true, e164: parsed.number };
}

/** Ofcom keeps 07700 900000-900999 for TV and films; libphonenumber rightly calls them invalid, and people type them as examples. */
function fictional(callingCode: string, national: string): boolean {
  return callingCode === '44' && /^7700900\d{3}$/.test(national);
}
