// A guardian's number as the office writes it: national format for the school's own country
// ("07911 123457"), international for any other ("+33 6 12 34 56 78"). The core stores E.164 and reads
// a typed number for the school's country, so either form saves back to the same number.
import { getCountryCallingCode, isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/min';

export function displayPhone(e164: string, schoolCountry: string | null): string {
  const n = parsePhoneNumberFromString(e164);
  if (!n) return e164;
  // Same calling code, not same region: +44 covers GB, Jersey and others, all dialled 0… from the
  // school and read back to the same E.164 by the core.
  const country = schoolCountry?.toUpperCase() ?? '';
  const home = isSupportedCountry(country) && getCountryCallingCode(country) === n.countryCallingCode;
  return home ? n.formatNational() : n.formatInternational();
}
