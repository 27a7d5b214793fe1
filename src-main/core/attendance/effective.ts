// Reading attendance as it now stands: records with their newest correction applied (voided ones
// left out) and the excuses still standing, straight from the views of migration 35.
import type { Db } from '../db/open.js';
import { toSchoolTime } from '../time/school-time.js';
import type { EffectiveRecord } from './session-state.js';

interface RecordRow {
  id: number;
  student_id: number;
  local_date: string;
  session: string;
  kind: EffectiveRecord['kind'];
  status: EffectiveRecord['status'];
  local_time: string;
  minutes_late: number;
  method: EffectiveRecord['method'];
  correction_id: number | null;
}

const toRecord = (r: RecordRow): EffectiveRecord => ({
  id: r.id,
  studentId: r.student_id,
  localDate: r.local_date,
  session: r.session,
  kind: r.kind,
  status: r.status,
  localTime: r.local_time,
  minutesLate: r.minutes_late,
  method: r.method,
  corrected: r.correction_id !== null,
});

export function effectiveRecords(db: Db, from: string, to: string, studentId?: number): EffectiveRecord[] {
  const rows = db
    .prepare(
      `SELECT id, student_id, local_date, session, kind, status, local_time, minutes_late, method, correction_id
         FROM attendance_effective
        WHERE local_date BETWEEN ? AND ? ${studentId === undefined ? '' : 'AND student_id = ?'}
        ORDER BY local_date, local_time, id`,
    )
    .all(...[from, to, ...(studentId === undefined ? [] : [studentId])]) as RecordRow[];
  return rows.map(toRecord);
}

export interface StandingExcuse {
  id: number;
  studentId: number;
  localDate: string;
  session: string;
  kind: 'absence' | 'late';
  reason: string;
}

export function standingExcuses(db: Db, from: string, to: string, studentId?: number): StandingExcuse[] {
  return db
    .prepare(
      `SELECT id, student_id AS studentId, local_date AS localDate, session, kind, reason
         FROM attendance_excuses_standing
        WHERE local_date BETWEEN ? AND ? ${studentId === undefined ? '' : 'AND student_id = ?'}
        ORDER BY id`,
    )
    .all(...[from, to, ...(studentId === undefined ? [] : [studentId])]) as StandingExcuse[];
}

/** Records and excuses grouped by "student|date|session", the unit every view works in. */
export function bySlot<T extends { studentId: number; localDate: string; session: string }>(items: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = slotKey(item.studentId, item.localDate, item.session);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}

export const slotKey = (studentId: number, date: string, session: string) => `${studentId}|${date}|${session}`;

export interface RosterStudent {
  id: number;
  studentNumber: string;
  firstName: string;
  lastName: string;
  className: string;
  /** School-local date the student joined the roster; no absences are counted before it. */
  since: string;
  archivedAt: string | null;
}

export function rosterStudents(db: Db, timezone: string): RosterStudent[] {
  const rows = db
    .prepare(
      `SELECT id, student_number AS studentNumber, first_name AS firstName, last_name AS lastName, class_name AS className,
              archived_at AS archivedAt, created_at AS createdAt
         FROM students ORDER BY class_name, last_name, first_name, student_number`,
    )
    .all() as Array<Omit<RosterStudent, 'since'> & { createdAt: string }>;
  // A roster import stamps every student with the same instant; convert each distinct one once.
  const dates = new Map<string, string>();
  const localDate = (iso: string) => {
    let d = dates.get(iso);
    if (d === undefined) dates.set(iso, (d = toSchoolTime(new Date(iso), timezone).date));
    return d;
  };
  return rows.map(({ createdAt, ...s }) => ({ ...s, since: localDate(createdAt) }));
}
