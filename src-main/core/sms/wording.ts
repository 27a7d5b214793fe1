// The built-in wording of the texts to parents, one set per language. A school may write its own
// templates; switching `sms.language` swaps the wording only while it is still a built-in one, so a
// school's own text is never overwritten.
import type { Config } from '../config/schema.js';

type Language = Config['sms']['language'];
type Templates = Config['sms']['templates'];

export const builtInWording: Record<Language, Templates> = {
  en: {
    check_in: 'Good day! Your child {student_name} has checked in at {time}. - {school_name}',
    check_out: 'Good day! Your child {student_name} has checked out at {time}. - {school_name}',
  },
  es: {
    check_in: '¡Buenos días! {student_name} ha llegado al colegio a las {time}. - {school_name}',
    check_out: '¡Hola! {student_name} ha salido del colegio a las {time}. - {school_name}',
  },
};

const isBuiltIn = (t: Templates) => Object.values(builtInWording).some((w) => w.check_in === t.check_in && w.check_out === t.check_out);

/** The patch to apply when `sms.language` is set: with the new language's wording unless the school wrote its own. */
export function withLanguageWording(current: Config, patch: Record<string, unknown>): Record<string, unknown> {
  const sms = patch.sms as { language?: Language; templates?: unknown } | undefined;
  if (!sms?.language || sms.templates !== undefined || sms.language === current.sms.language) return patch;
  if (!isBuiltIn(current.sms.templates) || !(sms.language in builtInWording)) return patch;
  return { ...patch, sms: { ...sms, templates: builtInWording[sms.language] } };
}
