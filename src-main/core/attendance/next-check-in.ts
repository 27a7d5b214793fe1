// When check-in next opens, for the idle kiosk outside every session ("Check-in opens Monday at
// 06:30"): the first session whose check-in window opens after `at`, today or on a later school day
// (weekends and schedule.holidays skipped). Pure; dates and times are school-local wall-clock values.
import { parseTimeOfDay, type SchoolTime } from '../time/school-time.js';
import type { Schedule } from './rules.js';
import { addDays, isSchoolDayOn } from './school-days.js';

export interface CheckInOpening {
  /** School-local date YYYY-MM-DD. */
  date: string;
  /** School-local HH:MM, as configured in checkIn[0]. */
  time: string;
  session: string;
}

// A school that lists holidays for a whole year still opens within this; a schedule with no school
// day at all never does.
const SEARCH_DAYS = 400;

export function nextCheckInOpening(schedule: Schedule, at: SchoolTime): CheckInOpening | null {
  const opens = schedule.sessions
    .map((s) => ({ session: s.name, time: s.checkIn[0], seconds: parseTimeOfDay(s.checkIn[0]) }))
    .sort((a, b) => a.seconds - b.seconds);
  for (let day = 0; day <= SEARCH_DAYS; day++) {
    const date = addDays(at.date, day);
    if (!isSchoolDayOn(schedule, date)) continue;
    const first = opens.find((o) => day > 0 || o.seconds > at.secondsOfDay);
    if (first) return { date, time: first.time, session: first.session };
  }
  return null;
}
