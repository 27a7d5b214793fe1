// The office's changes to attendance: corrections that amend or void a record, and excuses for an
// absence or a late arrival. Nothing is rewritten: each change is a new row with its reason, written
// in the same transaction as its audit entry.
import type { OfficeResult, StudentDay } from '../../../src-preload/contract.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { findStudentById, type Student } from '../people/students.js';
import type { Clock } from '../time/clock.js';
import { parseTimeOfDay, schoolLocalToUtc, toSchoolTime } from '../time/school-time.js';
import { recordView } from './board.js';
import { bySlot, effectiveRecords, slotKey, standingExcuses } from './effective.js';
import { arrivalStatus } from './manual-entry.js';
import { requeueWithheldTexts, withholdUnsentTexts } from './removed-texts.js';
import { isSchoolDayOn } from './school-days.js';
import { sessionPhase, studentSession } from './session-state.js';
import { withdrawNotices } from '../daily-notices/notices.js';
import { reconsiderAbsence } from '../daily-notices/reconsider.js';

export interface CorrectionsDeps {
  db: Db;
  config: () => Config;
  clock: Clock;
  audit: AuditLog;
}

type Kind = 'check_in' | 'check_out';
type Status = 'on_time' | 'late';

interface RawRecord {
  id: number;
  student_id: number;
  local_date: string;
  local_time: string;
  session: string;
  kind: Kind;
  status: Status;
  minutes_late: number;
  method: 'face' | 'qr' | 'pin' | 'manual';
  occurred_at: string;
}

interface CorrectionRow {
  id: number;
  attendance_id: number;
  action: 'amend' | 'void';
  occurred_at: string;
  local_time: string;
  kind: Kind;
  status: Status;
  minutes_late: number;
  reason: string;
  actor: string;
  created_at: string;
}

const fail = (error: string): OfficeResult => ({ ok: false, error });
const OK: OfficeResult = { ok: true };
const subjectOf = (s: Student) => `student:${s.studentNumber}`;

export function createAttendanceCorrections(deps: CorrectionsDeps) {
  const { db, clock, audit } = deps;

  const rawRecord = db.prepare('SELECT * FROM attendance WHERE id = ?');
  const latestCorrection = db.prepare('SELECT * FROM attendance_corrections WHERE attendance_id = ? ORDER BY id DESC LIMIT 1');
  const insertCorrection = db.prepare(
    `INSERT INTO attendance_corrections (attendance_id, action, occurred_at, local_time, kind, status, minutes_late, reason, actor, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const clash = db.prepare(
    `SELECT id FROM attendance_effective WHERE student_id = ? AND local_date = ? AND session = ? AND kind = ? AND id != ?`,
  );
  const insertExcuse = db.prepare(
    `INSERT INTO attendance_excuses (student_id, local_date, session, kind, reason, actor, created_at, withdraws) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  const madeAt = (iso: string) => {
    const t = toSchoolTime(new Date(iso), deps.config().school.timezone);
    return `${t.date} ${t.hhmm}`;
  };

  return {
    /** One student's day with every record's original, its corrections and the excuses: what the office taps open. */
    studentDay(studentId: number, date: string): StudentDay | null {
      const cfg = deps.config();
      const student = findStudentById(db, studentId);
      if (!student) return null;
      const now = toSchoolTime(clock.now(), cfg.school.timezone);
      const effective = bySlot(effectiveRecords(db, date, date, studentId));
      const excuses = standingExcuses(db, date, date, studentId);
      const schoolDay = isSchoolDayOn(cfg.schedule, date);
      const sessions = cfg.schedule.sessions.map((s) => {
        const ex = excuses.filter((e) => e.session === s.name);
        const phase = schoolDay ? sessionPhase(s, date, now.date, now.secondsOfDay) : 'before';
        const st = studentSession(effective.get(slotKey(studentId, date, s.name)) ?? [], {
          absence: ex.some((e) => e.kind === 'absence'),
          late: ex.some((e) => e.kind === 'late'),
        }, phase);
        return { ...st, session: s.name, checkIn: st.checkIn && recordView(st.checkIn), checkOut: st.checkOut && recordView(st.checkOut) };
      });
      const raw = db.prepare('SELECT * FROM attendance WHERE student_id = ? AND local_date = ? ORDER BY occurred_at, id').all(studentId, date) as RawRecord[];
      const records = raw.map((r) => {
        const corrections = db.prepare('SELECT * FROM attendance_corrections WHERE attendance_id = ? ORDER BY id').all(r.id) as CorrectionRow[];
        const last = corrections[corrections.length - 1];
        const manual = db.prepare('SELECT reason FROM attendance_manual WHERE attendance_id = ?').get(r.id) as { reason: string } | undefined;
        return {
          id: r.id,
          session: r.session,
          kind: last?.kind ?? r.kind,
          voided: last?.action === 'void',
          current: {
            id: r.id,
            localTime: (last?.local_time ?? r.local_time).slice(0, 5),
            status: last?.status ?? r.status,
            minutesLate: last?.minutes_late ?? r.minutes_late,
            method: r.method,
            corrected: last !== undefined,
          },
          original: { localTime: r.local_time.slice(0, 5), kind: r.kind, status: r.status, method: r.method },
          manualReason: manual?.reason ?? null,
          corrections: corrections.map((c) => ({
            action: c.action,
            localTime: c.local_time.slice(0, 5),
            kind: c.kind,
            status: c.status,
            reason: c.reason,
            actor: c.actor,
            madeAt: madeAt(c.created_at),
          })),
        };
      });
      const allExcuses = excuses.map((e) => {
        const row = db.prepare('SELECT actor, created_at FROM attendance_excuses WHERE id = ?').get(e.id) as { actor: string; created_at: string };
        return { id: e.id, session: e.session, kind: e.kind, reason: e.reason, actor: row.actor, madeAt: madeAt(row.created_at) };
      });
      return {
        student: { studentId, studentNumber: student.studentNumber, name: `${student.firstName} ${student.lastName}`, className: student.className },
        date,
        sessions,
        records,
        excuses: allExcuses,
      };
    },

    /** A new time and kind for a record (restoring it if it was voided); status follows from the time. */
    amend(req: { attendanceId: number; time: string; kind: Kind; reason: string }, actor: string): OfficeResult {
      const cfg = deps.config();
      return db.transaction((): OfficeResult => {
        const r = rawRecord.get(req.attendanceId) as RawRecord | undefined;
        if (!r) return fail('That attendance record does not exist');
        const student = findStudentById(db, r.student_id)!;
        const session = cfg.schedule.sessions.find((s) => s.name === r.session);
        if (!session) return fail(`The session "${r.session}" is no longer in the schedule; this record cannot be amended, only voided`);
        const instant = schoolLocalToUtc(r.local_date, req.time, cfg.school.timezone);
        if (instant > clock.now()) return fail(`${req.time} on ${r.local_date} has not happened yet`);
        const localTime = toSchoolTime(instant, cfg.school.timezone);
        if (localTime.date !== r.local_date) return fail(`${req.time} is not a time on ${r.local_date}`);
        const { status, minutesLate } = req.kind === 'check_in' ? arrivalStatus(session, parseTimeOfDay(localTime.time)) : { status: 'on_time' as const, minutesLate: 0 };
        if (clash.get(r.student_id, r.local_date, r.session, req.kind, r.id)) {
          const what = req.kind === 'check_in' ? 'check-in' : 'check-out';
          return fail(`${student.firstName} already has a ${what} for the ${r.session}; correct that record instead`);
        }
        const last = latestCorrection.get(r.id) as CorrectionRow | undefined;
        const before = last ?? { action: 'amend', local_time: r.local_time, kind: r.kind, status: r.status };
        if (before.action === 'amend' && before.local_time === localTime.time && before.kind === req.kind) {
          return fail('Nothing changed: the record already says that');
        }
        const now = clock.now().toISOString();
        insertCorrection.run(r.id, 'amend', instant.toISOString(), localTime.time, req.kind, status, minutesLate, req.reason, actor, now);
        const textsRequeued = before.action === 'void' && before.kind === req.kind ? requeueWithheldTexts(db, r.id, clock.now()) : 0;
        withdrawNotices(db, {
          studentId: r.student_id,
          localDate: r.local_date,
          kinds: req.kind === 'check_in' ? ['absence'] : ['absence', 'no_checkout'],
          reason: `the office recorded a ${req.kind === 'check_in' ? 'check-in' : 'check-out'} at ${localTime.hhmm}`,
          now: clock.now(),
        });
        audit.append({
          actor,
          action: 'attendance.correct',
          subject: subjectOf(student),
          details: {
            attendanceId: r.id,
            date: r.local_date,
            session: r.session,
            from: { voided: before.action === 'void', time: before.local_time, kind: before.kind, status: before.status },
            to: { time: localTime.time, kind: req.kind, status },
            reason: req.reason,
            ...(textsRequeued > 0 ? { textsRequeued } : {}),
          },
        });
        return OK;
      }).immediate();
    },

    /** Takes a record out of attendance (the wrong student was recognised); it stays on file with the reason. */
    void(req: { attendanceId: number; reason: string }, actor: string): OfficeResult {
      return db.transaction((): OfficeResult => {
        const r = rawRecord.get(req.attendanceId) as RawRecord | undefined;
        if (!r) return fail('That attendance record does not exist');
        const last = latestCorrection.get(r.id) as CorrectionRow | undefined;
        if (last?.action === 'void') return fail('That record is already voided');
        const student = findStudentById(db, r.student_id)!;
        const cur = last ?? r;
        insertCorrection.run(r.id, 'void', cur.occurred_at, cur.local_time, cur.kind, cur.status, cur.minutes_late, req.reason, actor, clock.now().toISOString());
        const textsWithheld = withholdUnsentTexts(db, r.id, clock.now());
        const reported = cur.kind === 'check_in' ? reconsiderAbsence(db, deps.config(), r.student_id, r.local_date, clock.now()).reported > 0 : false;
        audit.append({
          actor,
          action: 'attendance.void',
          subject: subjectOf(student),
          details: { attendanceId: r.id, date: r.local_date, session: r.session, time: cur.local_time, kind: cur.kind, reason: req.reason, textsWithheld, ...(reported ? { reportedAbsent: true } : {}) },
        });
        return OK;
      }).immediate();
    },

    excuse(req: { studentId: number; date: string; sessions: string[]; kind: 'absence' | 'late'; reason: string }, actor: string): OfficeResult {
      const cfg = deps.config();
      const student = findStudentById(db, req.studentId);
      if (!student || student.archivedAt) return fail('No such student on the roster');
      if (!isSchoolDayOn(cfg.schedule, req.date)) return fail(`${req.date} is not a school day`);
      const unknown = req.sessions.filter((s) => !cfg.schedule.sessions.some((c) => c.name === s));
      if (unknown.length) return fail(`There is no session ${unknown.map((s) => `"${s}"`).join(', ')} in the schedule`);
      return db.transaction((): OfficeResult => {
        const standing = standingExcuses(db, req.date, req.date, req.studentId);
        const fresh = [...new Set(req.sessions)].filter((s) => !standing.some((e) => e.session === s && e.kind === req.kind));
        if (fresh.length === 0) return fail(`${student.firstName} is already excused for that`);
        const now = clock.now().toISOString();
        for (const s of fresh) insertExcuse.run(req.studentId, req.date, s, req.kind, req.reason, actor, now, null);
        if (req.kind === 'absence') {
          withdrawNotices(db, { studentId: req.studentId, localDate: req.date, kinds: ['absence'], sessions: fresh, reason: 'the office excused the absence', now: clock.now() });
        }
        audit.append({
          actor,
          action: req.kind === 'absence' ? 'attendance.excuse_absence' : 'attendance.excuse_late',
          subject: subjectOf(student),
          details: { date: req.date, sessions: fresh, reason: req.reason },
        });
        return OK;
      }).immediate();
    },

    withdrawExcuse(req: { excuseId: number; reason: string }, actor: string): OfficeResult {
      return db.transaction((): OfficeResult => {
        const e = db.prepare('SELECT * FROM attendance_excuses_standing WHERE id = ?').get(req.excuseId) as
          | { id: number; student_id: number; local_date: string; session: string; kind: 'absence' | 'late' }
          | undefined;
        if (!e) return fail('That excuse does not exist or was already withdrawn');
        const student = findStudentById(db, e.student_id)!;
        insertExcuse.run(e.student_id, e.local_date, e.session, e.kind, req.reason, actor, clock.now().toISOString(), e.id);
        audit.append({
          actor,
          action: 'attendance.withdraw_excuse',
          subject: subjectOf(student),
          details: { excuseId: e.id, date: e.local_date, session: e.session, kind: e.kind, reason: req.reason },
        });
        return OK;
      }).immediate();
    },
  };
}

export type AttendanceCorrections = ReturnType<typeof createAttendanceCorrections>;
