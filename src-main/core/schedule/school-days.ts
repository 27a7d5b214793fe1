// Which dates are school days: the configured weekdays, minus holidays. Dates are school-local.
import type { Weekday } from '../config/schema.js';
import { schoolLocalToUtc, toSchoolTime } from '../time/school-time.js';

/** A holiday entry: one date 'YYYY-MM-DD', or an inclusive range 'YYYY-MM-DD..YYYY-MM-DD'. */
export const HOLIDAY_PATTERN = /^\d{4}-\d\d-\d\d(\.\.\d{4}-\d\d-\d\d)?$/;

export function isHoliday(localDate: string, holidays: readonly string[]): boolean {
  return holidays.some((h) => {
    const [from, to = from] = h.split('..') as [string, string?];
    return localDate >= from && localDate <= to!;
  });
}

export function schoolDayCalendar(opts: { timezone: string; schoolDays: readonly Weekday[]; holidays: readonly string[] }) {
  return (localDate: string): boolean => {
    // Noon is on the same date in every zone and never inside a DST gap.
    const weekday = toSchoolTime(schoolLocalToUtc(localDate, '12:00', opts.timezone), opts.timezone).weekday;
    return opts.schoolDays.includes(weekday) && !isHoliday(localDate, opts.holidays);
  };
}
