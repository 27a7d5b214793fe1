// The attendance decision for an entry the office types in: the office names the session and the
// kind (a student going home sick at 10:00 is a check-out, whatever the kiosk's windows say), and the
// rules still decide on time or late and refuse a second record of the same kind. Pure.
import { parseTimeOfDay, type SchoolTime } from '../time/school-time.js';
import { isSchoolDay, type AttendanceDecision, type AttendanceKind, type AttendanceRecord, type Schedule } from './rules.js';

export interface ManualEntryInput {
  schedule: Schedule;
  at: SchoolTime;
  session: string;
  kind: AttendanceKind;
  today: AttendanceRecord[];
}

export type ManualEntryDecision = AttendanceDecision | { action: 'refused'; message: string };

/** On time or late for an arrival at `secondsOfDay`, by the session's start and grace period. */
export function arrivalStatus(session: { start: string; lateAfterMinutes: number }, secondsOfDay: number) {
  const sinceStart = secondsOfDay - parseTimeOfDay(session.start);
  // Late only strictly after the grace period, as at the kiosk.
  const late = sinceStart > session.lateAfterMinutes * 60;
  return { status: late ? ('late' as const) : ('on_time' as const), minutesLate: late ? Math.floor(sinceStart / 60) : 0 };
}

export function decideManualEntry(input: ManualEntryInput): ManualEntryDecision {
  const { schedule, at, kind, today } = input;
  if (!isSchoolDay(schedule, at)) return { action: 'closed', reason: 'not_school_day' };
  const session = schedule.sessions.find((s) => s.name === input.session);
  if (!session) return { action: 'refused', message: `There is no session "${input.session}" in the schedule` };
  const existing = today.find((r) => r.session === session.name && r.kind === kind);
  if (existing) return { action: 'already', session: session.name, kind, existing };
  if (kind === 'check_out') return { action: 'record', session: session.name, kind, status: 'on_time', minutesLate: 0 };
  return { action: 'record', session: session.name, kind, ...arrivalStatus(session, at.secondsOfDay) };
}
