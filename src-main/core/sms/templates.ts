// Texts to parents: `{placeholder}` templates from the config, and times/dates as the school writes them.
import { templatePlaceholders } from './message-types.js';

const placeholder = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Placeholders in `template` that no text can fill, in order of first use (empty when the template is good). */
export function unknownPlaceholders(template: string): string[] {
  const known = new Set<string>(templatePlaceholders);
  const unknown: string[] = [];
  for (const m of template.matchAll(placeholder)) {
    if (!known.has(m[1]!) && !unknown.includes(m[1]!)) unknown.push(m[1]!);
  }
  return unknown;
}

/**
 * Fills `{name}` placeholders. An unknown placeholder throws rather than sending "{student_nmae}" to a
 * parent; callers render every template once at config time so a typo is caught before school opens.
 * The result is NFC-normalised: a decomposed "é" is not GSM-7 and would push the text into UCS-2,
 * halving what fits in one SMS.
 */
export function renderTemplate(template: string, vars: Record<string, string>): string {
  const text = template.replace(placeholder, (_match, name: string) => {
    if (!Object.hasOwn(vars, name)) {
      const known = Object.keys(vars).map((k) => `{${k}}`).join(', ');
      throw new Error(`SMS template uses {${name}}, which is not one of: ${known || '(none)'}`);
    }
    return vars[name]!;
  });
  return text.normalize('NFC');
}

/** "07:52" where the school's locale uses a 24-hour clock, "7:52 AM" where it uses a 12-hour one. */
export function formatSchoolTime(instant: Date, timeZone: string, locale: string): string {
  const { hourCycle } = new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric' }).resolvedOptions();
  const hour = hourCycle === 'h23' || hourCycle === 'h24' ? '2-digit' : 'numeric';
  return plainSpaces(new Intl.DateTimeFormat(locale, { timeZone, hour, minute: '2-digit' }).format(instant));
}

/** "1 September 2025" (en-GB), "September 1, 2025" (en-US): the school-local calendar date. */
export function formatSchoolDate(instant: Date, timeZone: string, locale: string): string {
  return plainSpaces(new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(instant));
}

// Some ICU versions (Electron's among them) put a narrow or no-break space before "AM"; neither is GSM-7,
// and one such character turns the whole text into UCS-2.
function plainSpaces(s: string): string {
  return s.replace(/[\u00A0\u202F]/g, ' ');
}
