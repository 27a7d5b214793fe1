// Which dates are school days: the configured weekdays, minus holidays. Dates are school-local.
import type { Holiday, Weekday } from '../config/schema.js';
import { schoolLocalToUtc, toSchoolTime } from '../time/school-time.js';

/** A holiday as `schedule.holidays` holds it, or the short form 'YYYY-MM-DD..YYYY-MM-DD' for a range. */
export function isHoliday(localDate: string, holidays: readonly (Holiday | string)[]): boolean {
  return holidays.some((h) => {
    const [from, to = from] = typeof h === 'string' ? (h.split('..') as [string, string?]) : [h.from, h.to];
    return localDate >= from && localDate <= to!;
  });
}

export function schoolDayCalendar(opts: { timezone: string; schoolDays: readonly Weekday[]; holidays: readonly (Holiday | string)[] }) {
  return (localDate: string): boolean => {
    // Noon is on the same date in every zone and never inside a DST gap.
    const weekday = toSchoolTime(schoolLocalToUtc(localDate, '12:00', opts.timezone), opts.timezone).weekday;
    return opts.schoolDays.includes(weekday) && !isHoliday(localDate, opts.holidays);
  };
}
