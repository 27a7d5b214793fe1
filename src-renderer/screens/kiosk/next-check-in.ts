// What the idle kiosk says outside every session: when check-in opens next, in the kiosk's language
// ("Check-in opens at 12:30", "… tomorrow at 07:30", "… Monday at 07:30", or the date after a break).
// The core gives the school-local date and time; only the words are chosen here.
import type { KioskStatus } from '../../../src-preload/contract';
import { say, type Dictionary } from '../../app/strings';

const DAY_MS = 86_400_000;

/** Weekday and month names in the kiosk's language; the school's locale where it is that language. */
export function wordsLocale(locale: string, language: string): string {
  return locale.split('-')[0]?.toLowerCase() === language ? locale : language;
}

export function describeNextCheckIn(status: Pick<KioskStatus, 'localDate' | 'locale' | 'language' | 'nextCheckIn'>, dictionary?: Dictionary): string {
  const next = status.nextCheckIn;
  if (!next) return say('status.noSession', {}, dictionary);
  const days = Math.round((Date.parse(`${next.date}T00:00:00Z`) - Date.parse(`${status.localDate}T00:00:00Z`)) / DAY_MS);
  const time = next.time;
  if (days <= 0) return say('status.opensToday', { time }, dictionary);
  if (days === 1) return say('status.opensTomorrow', { time }, dictionary);
  // The date is already school-local: format it as a plain calendar day, not an instant.
  const words = (options: Intl.DateTimeFormatOptions) =>
    new Intl.DateTimeFormat(wordsLocale(status.locale, status.language), { ...options, timeZone: 'UTC' }).format(new Date(`${next.date}T00:00:00Z`));
  if (days < 7) return say('status.opensOnDay', { day: words({ weekday: 'long' }), time }, dictionary);
  return say('status.opensOnDate', { date: words({ weekday: 'long', day: 'numeric', month: 'long' }), time }, dictionary);
}
