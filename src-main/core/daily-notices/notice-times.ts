// When the daily notices run, from the sessions unless the school set a time. Pure.
import type { SessionConfig } from '../config/schema.js';
import { parseTimeOfDay } from '../time/school-time.js';

type Sessions = readonly Pick<SessionConfig, 'checkIn' | 'checkOut'>[];

const hhmmOf = (seconds: number) => {
  const m = Math.min(Math.floor(seconds / 60), 23 * 60 + 59);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
};

/** The earliest close of a check-in window: from then on a student with no record is absent. */
export const firstCheckInClose = (sessions: Sessions) => Math.min(...sessions.map((s) => parseTimeOfDay(s.checkIn[1])));
/** The latest close of a check-out window: the end of the school day at the kiosk. */
export const lastCheckOutClose = (sessions: Sessions) => Math.max(...sessions.map((s) => parseTimeOfDay(s.checkOut[1])));

/**
 * The absence report's time: the school's, or the first minute after the first check-in window
 * closes (07:30 → 07:31), when the board already shows "absent" and a scan at 07:30:59 has counted.
 */
export function absenceReportAt(sessions: Sessions, configured: string | null): string {
  return configured ?? hhmmOf(firstCheckInClose(sessions) + 60);
}

/**
 * A kiosk that was off at the report's time still reports when it comes back, but not after the
 * school day has ended: by then the office knows, and the text would only alarm.
 */
export function absenceReportUntil(sessions: Sessions, configured: string | null): string {
  const at = absenceReportAt(sessions, configured);
  const end = hhmmOf(lastCheckOutClose(sessions));
  return end > at ? end : at;
}

/** The no-check-out notice's time: the school's, or the first minute after the last check-out window closes. */
export function noCheckoutAt(sessions: Sessions, configured: string | null): string {
  return configured ?? hhmmOf(lastCheckOutClose(sessions) + 60);
}
