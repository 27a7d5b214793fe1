// The attendance decision: given the schedule, the school-local time of an arrival and what the
// student already has on record today, say whether to record it and how. Pure; no clock, no I/O.
import type { Config, SessionConfig } from '../config/schema.js';
import { parseTimeOfDay, type SchoolTime } from '../time/school-time.js';

export type Schedule = Config['schedule'];
export type AttendanceKind = 'check_in' | 'check_out';
export type AttendanceStatus = 'on_time' | 'late';

/** One of the student's attendance records from the same school day. */
export interface AttendanceRecord {
  session: string;
  kind: AttendanceKind;
  occurredAt: Date;
}

export type AttendanceDecision =
  | { action: 'record'; session: string; kind: AttendanceKind; status: AttendanceStatus; minutesLate: number }
  | { action: 'already'; session: string; kind: AttendanceKind; existing: AttendanceRecord }
  | { action: 'closed'; reason: 'outside_hours' | 'not_school_day' };

export interface AttendanceInput {
  schedule: Schedule;
  /** `instant` as the school's clock reads it. */
  at: SchoolTime;
  instant: Date;
  /** This student's records for `at.date`, in any order. */
  today: AttendanceRecord[];
}

const within = (t: number, [from, to]: readonly [string, string]) =>
  parseTimeOfDay(from) <= t && t <= parseTimeOfDay(to);

/**
 * The session whose span, from the opening of check-in to the close of check-out (both inclusive),
 * holds `at`. Sessions are tried in configured order, so where two spans touch (12:30 ends the
 * morning's check-out and opens the afternoon's check-in) the earlier session wins.
 */
function sessionAt(sessions: SessionConfig[], at: SchoolTime): SessionConfig | undefined {
  return sessions.find((s) => within(at.secondsOfDay, [s.checkIn[0], s.checkOut[1]]));
}

/** A school day of the week that is not one of the configured holidays (dates are school-local). */
export function isSchoolDay(schedule: Schedule, at: SchoolTime): boolean {
  if (!schedule.schoolDays.includes(at.weekday)) return false;
  return !(schedule.holidays ?? []).some((h) => h.from <= at.date && at.date <= h.to);
}

/** The session the kiosk is serving at `at`, or null outside every session and on non-school days. */
export function currentSession(schedule: Schedule, at: SchoolTime): string | null {
  if (!isSchoolDay(schedule, at)) return null;
  return sessionAt(schedule.sessions, at)?.name ?? null;
}

export function decideAttendance(input: AttendanceInput): AttendanceDecision {
  const { schedule, at, instant, today } = input;
  if (!isSchoolDay(schedule, at)) return { action: 'closed', reason: 'not_school_day' };
  const session = sessionAt(schedule.sessions, at);
  if (!session) return { action: 'closed', reason: 'outside_hours' };

  // Arriving during class, between the two windows, is a (late) check-in. A check-out is recorded
  // even with no check-in before it: the student was in school and forgot to check in, and the
  // check-out is the only record the guardian will get.
  const kind: AttendanceKind = within(at.secondsOfDay, session.checkOut) ? 'check_out' : 'check_in';

  const sameSessionAndKind = today.find((r) => r.session === session.name && r.kind === kind);
  if (sameSessionAndKind) return { action: 'already', session: session.name, kind, existing: sameSessionAndKind };

  // Catches a second scan that lands in another session moments later. A different kind is let
  // through: checking out straight after checking in is a real (if odd) pair of events. A record
  // stamped after `instant` (the clock was stepped back) counts as recent too.
  const last = today.reduce<AttendanceRecord | undefined>(
    (latest, r) => (!latest || r.occurredAt > latest.occurredAt ? r : latest),
    undefined,
  );
  if (last && last.kind === kind && instant.getTime() - last.occurredAt.getTime() < schedule.cooldownMinutes * 60_000) {
    return { action: 'already', session: session.name, kind, existing: last };
  }

  if (kind === 'check_out') return { action: 'record', session: session.name, kind, status: 'on_time', minutesLate: 0 };
  const sinceStart = at.secondsOfDay - parseTimeOfDay(session.start);
  // Late only strictly after the grace period: 07:15:00 is on time, 07:15:01 is late.
  const late = sinceStart > session.lateAfterMinutes * 60;
  return {
    action: 'record',
    session: session.name,
    kind,
    status: late ? 'late' : 'on_time',
    // Whole minutes after the start, but at least one: with no grace period 07:00:30 is late, and the
    // guardian's text must not say "0 minutes late".
    minutesLate: late ? Math.max(1, Math.floor(sinceStart / 60)) : 0,
  };
}
