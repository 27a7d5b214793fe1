// Calendar dates as the school counts them: plain 'YYYY-MM-DD' strings stepped a day at a time, so
// DST changes (23- and 25-hour days) never shift or skip a date.
import type { Weekday } from '../config/schema.js';
import { weekdays } from '../config/schema.js';
import { isSchoolDay, type Schedule } from './rules.js';

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): Weekday {
  // getUTCDay: 0 is Sunday; `weekdays` starts on Monday.
  return weekdays[(new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7]!;
}

/** Whether the school is open on `date`: a school day of the week and not a holiday (the kiosk's own rule). */
export function isSchoolDayOn(schedule: Schedule, date: string): boolean {
  return isSchoolDay(schedule, { date, weekday: weekdayOf(date), time: '12:00:00', hhmm: '12:00', secondsOfDay: 43_200 });
}

/** Every date from `from` to `to` (both included) on which the school is open. */
export function schoolDaysBetween(from: string, to: string, schedule: Schedule): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) if (isSchoolDayOn(schedule, d)) out.push(d);
  return out;
}
