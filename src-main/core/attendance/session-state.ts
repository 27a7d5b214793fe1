// Where a student stands in one session of one day, from the records as corrected and the excuses:
// the single definition the board, the reports and the absence lists share. Pure.
import type { SessionConfig } from '../config/schema.js';
import { parseTimeOfDay } from '../time/school-time.js';
import type { AttendanceKind, AttendanceStatus } from './rules.js';

export type SessionState = 'present' | 'late' | 'not_arrived' | 'absent' | 'checked_out';

/** One record as it now stands (newest correction applied, voided ones left out). */
export interface EffectiveRecord {
  id: number;
  studentId: number;
  localDate: string;
  session: string;
  kind: AttendanceKind;
  status: AttendanceStatus;
  localTime: string;
  minutesLate: number;
  method: 'face' | 'qr' | 'pin' | 'manual';
  corrected: boolean;
}

export interface StudentSession {
  state: SessionState;
  checkIn: EffectiveRecord | null;
  checkOut: EffectiveRecord | null;
  /** The arrival was late, whatever the state now (a late student who left is still a late). */
  late: boolean;
  excusedLate: boolean;
  excusedAbsence: boolean;
}

/**
 * How far the session has gone at the moment of looking: 'before' until its check-in window closes
 * (nobody is absent yet, only not arrived), 'after' once it has (a student with no record is absent).
 * A past day is 'after'; a future one 'before'.
 */
export type SessionPhase = 'before' | 'after';

export function sessionPhase(session: SessionConfig, date: string, today: string, secondsOfDay: number): SessionPhase {
  if (date < today) return 'after';
  if (date > today) return 'before';
  return secondsOfDay > parseTimeOfDay(session.checkIn[1]) ? 'after' : 'before';
}

export function studentSession(
  records: EffectiveRecord[],
  excuses: { absence: boolean; late: boolean },
  phase: SessionPhase,
): StudentSession {
  const checkIn = records.find((r) => r.kind === 'check_in') ?? null;
  const checkOut = records.find((r) => r.kind === 'check_out') ?? null;
  const late = checkIn?.status === 'late';
  let state: SessionState;
  if (checkOut) state = 'checked_out';
  else if (checkIn) state = late ? 'late' : 'present';
  // An excuse given ahead (the parent rang at 07:00) takes the student off "not yet arrived" at once.
  else state = phase === 'after' || excuses.absence ? 'absent' : 'not_arrived';
  return {
    state,
    checkIn,
    checkOut,
    late,
    excusedLate: late && excuses.late,
    // Once the student comes, an excuse for absence no longer describes the session.
    excusedAbsence: !checkIn && !checkOut && excuses.absence,
  };
}
