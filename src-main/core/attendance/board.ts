// Today's board: every student on the roll in one session of today, where they stand, and the counts
// the office reads at a glance, overall and per class.
import { createHash } from 'node:crypto';
import type { Board, BoardCounts, BoardStudent, RecordView } from '../../../src-preload/contract.js';
import type { Config, SessionConfig } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { parseTimeOfDay, toSchoolTime, type SchoolTime } from '../time/school-time.js';
import { bySlot, effectiveRecords, rosterStudents, slotKey, standingExcuses } from './effective.js';
import { isSchoolDayOn } from './school-days.js';
import { sessionPhase, studentSession, type EffectiveRecord } from './session-state.js';

export const recordView = (r: EffectiveRecord): RecordView => ({
  id: r.id,
  localTime: r.localTime.slice(0, 5),
  status: r.status,
  minutesLate: r.minutesLate,
  method: r.method,
  corrected: r.corrected,
});

/** The session the board opens on: the one being served, else the next one today, else the day's last. */
export function boardSession(sessions: SessionConfig[], at: SchoolTime): SessionConfig {
  const t = at.secondsOfDay;
  return (
    sessions.find((s) => parseTimeOfDay(s.checkIn[0]) <= t && t <= parseTimeOfDay(s.checkOut[1])) ??
    sessions.find((s) => t < parseTimeOfDay(s.checkIn[0])) ??
    sessions[sessions.length - 1]!
  );
}

const emptyCounts = (): BoardCounts => ({ present: 0, late: 0, not_arrived: 0, absent: 0, checked_out: 0, excused_absent: 0, total: 0 });

function tally(counts: BoardCounts, s: BoardStudent): void {
  counts[s.state]++;
  if (s.state === 'absent' && s.excusedAbsence) counts.excused_absent++;
  counts.total++;
}

/**
 * Cheap to compute (a handful of indexed MAX lookups), so the screen can ask every few seconds and
 * fetch the whole board only when something it shows has changed: a record, a correction, an
 * excuse, the roster, the settings (a holiday declared today, new session times), or the hour at
 * which "not yet arrived" becomes "absent".
 */
export function boardVersion(db: Db, config: Config, instant: Date, requested?: string, date?: string): string {
  const at = toSchoolTime(instant, config.school.timezone);
  const session = pickSession(config, at, requested);
  const day = date ?? at.date;
  const phase = sessionPhase(session, day, at.date, at.secondsOfDay);
  const v = db
    .prepare(
      `SELECT (SELECT IFNULL(MAX(id), 0) FROM attendance) AS a,
              (SELECT IFNULL(MAX(id), 0) FROM attendance_corrections) AS c,
              (SELECT IFNULL(MAX(id), 0) FROM attendance_excuses) AS e,
              (SELECT COUNT(*) || '@' || IFNULL(MAX(updated_at), '') || '@' || IFNULL(MAX(archived_at), '') FROM students) AS s,
              (SELECT COUNT(*) || '@' || COUNT(withdrawn_at) FROM daily_notices WHERE kind = 'absence' AND local_date = ?) AS n`,
    )
    .get(day) as { a: number; c: number; e: number; s: string; n: string };
  return [day, session.name, phase, v.a, v.c, v.e, v.s, v.n, settingsVersion(config)].join('|');
}

// The live config is replaced as a whole when a setting changes, so one digest per config object.
const settingsDigests = new WeakMap<Config, string>();

function settingsVersion(config: Config): string {
  let digest = settingsDigests.get(config);
  if (!digest) {
    digest = createHash('sha256').update(JSON.stringify(config)).digest('base64url').slice(0, 16);
    settingsDigests.set(config, digest);
  }
  return digest;
}

function pickSession(config: Config, at: SchoolTime, requested?: string): SessionConfig {
  return config.schedule.sessions.find((s) => s.name === requested) ?? boardSession(config.schedule.sessions, at);
}

/** Today's board, or with `date` the same view of another day (what the office corrects from). */
export function readBoard(db: Db, config: Config, instant: Date, requested?: string, date?: string): Board {
  const version = boardVersion(db, config, instant, requested, date);
  const at = toSchoolTime(instant, config.school.timezone);
  const session = pickSession(config, at, requested);
  const day = date ?? at.date;
  const schoolDay = isSchoolDayOn(config.schedule, day);
  // On a day without school nobody is absent.
  const phase = schoolDay ? sessionPhase(session, day, at.date, at.secondsOfDay) : 'before';
  const records = bySlot(effectiveRecords(db, day, day).filter((r) => r.session === session.name));
  const excuses = bySlot(standingExcuses(db, day, day).filter((e) => e.session === session.name));
  const reported = new Map(
    (db.prepare("SELECT student_id AS id, decided_at AS at, texts_queued AS texts FROM daily_notices WHERE kind = 'absence' AND local_date = ? AND withdrawn_at IS NULL").all(day) as Array<{ id: number; at: string; texts: number }>)
      .map((n) => [n.id, { at: toSchoolTime(new Date(n.at), config.school.timezone).hhmm, texts: n.texts }]),
  );

  const counts = emptyCounts();
  const classes = new Map<string, BoardCounts>();
  const students: BoardStudent[] = [];
  for (const s of rosterStudents(db, config.school.timezone)) {
    // Today shows everyone on the roll; another day only those who had joined by then.
    if (s.archivedAt || (day !== at.date && s.since > day)) continue;
    const key = slotKey(s.id, day, session.name);
    const ex = excuses.get(key) ?? [];
    const st = studentSession(records.get(key) ?? [], { absence: ex.some((e) => e.kind === 'absence'), late: ex.some((e) => e.kind === 'late') }, phase);
    const row: BoardStudent = {
      studentId: s.id,
      studentNumber: s.studentNumber,
      name: `${s.firstName} ${s.lastName}`,
      className: s.className,
      state: st.state,
      checkIn: st.checkIn && recordView(st.checkIn),
      checkOut: st.checkOut && recordView(st.checkOut),
      late: st.late,
      excusedLate: st.excusedLate,
      excusedAbsence: st.excusedAbsence,
      absenceReport: reported.get(s.id) ?? null,
    };
    students.push(row);
    tally(counts, row);
    let c = classes.get(s.className);
    if (!c) classes.set(s.className, (c = emptyCounts()));
    tally(c, row);
  }
  return {
    unchanged: false,
    version,
    localDate: day,
    localTime: at.hhmm,
    today: at.date,
    schoolDay,
    session: session.name,
    sessions: config.schedule.sessions.map((s) => ({ name: s.name, start: s.start, end: s.end, checkInCloses: s.checkIn[1] })),
    phase,
    counts,
    classes: [...classes].map(([name, c]) => ({ name, counts: c })).sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })),
    students,
  };
}
