// Attendance over a date range, as the office reports it: per-student totals, the absence and late
// lists, and one student's history. Only school days count, from the day a student joined the roster
// up to now; a session still open today counts once the student has a record or its check-in closes.
import type { AttendanceReport, StudentHistory } from '../../../src-preload/contract.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { toSchoolTime } from '../time/school-time.js';
import { recordView } from './board.js';
import { bySlot, effectiveRecords, rosterStudents, slotKey, standingExcuses, type RosterStudent } from './effective.js';
import { weekdayOf, schoolDaysBetween } from './school-days.js';
import { sessionPhase, studentSession, type StudentSession } from './session-state.js';

export interface ReportFilter {
  from: string;
  to: string;
  className?: string;
  studentId?: number;
}

type Row = AttendanceReport['rows'][number];

const ref = (s: RosterStudent) => ({ studentId: s.id, studentNumber: s.studentNumber, name: `${s.firstName} ${s.lastName}`, className: s.className });

interface Slot {
  student: RosterStudent;
  date: string;
  session: string;
  st: StudentSession;
  reasons: { absence: string | null; late: string | null };
}

/** Every session each chosen student was expected in, with where they stood. */
function slots(db: Db, config: Config, instant: Date, f: ReportFilter): { days: string[]; students: RosterStudent[]; slots: Slot[] } {
  const now = toSchoolTime(instant, config.school.timezone);
  const until = f.to < now.date ? f.to : now.date;
  const days = f.from <= until ? schoolDaysBetween(f.from, until, config.schedule) : [];
  const students = rosterStudents(db, config.school.timezone).filter(
    (s) =>
      (f.studentId === undefined || s.id === f.studentId) &&
      (f.className === undefined || s.className === f.className) &&
      s.since <= f.to &&
      (!s.archivedAt || toSchoolTime(new Date(s.archivedAt), config.school.timezone).date >= f.from),
  );
  const records = bySlot(effectiveRecords(db, f.from, f.to, f.studentId));
  const excuses = bySlot(standingExcuses(db, f.from, f.to, f.studentId));
  // The phase depends on the date and session only; work it out once, not once per student.
  const phases = new Map(days.map((date) => [date, config.schedule.sessions.map((s) => sessionPhase(s, date, now.date, now.secondsOfDay))]));
  const out: Slot[] = [];
  for (const student of students) {
    const archived = student.archivedAt ? toSchoolTime(new Date(student.archivedAt), config.school.timezone).date : null;
    for (const date of days) {
      if (date < student.since || (archived && date > archived)) continue;
      for (const [i, session] of config.schedule.sessions.entries()) {
        const key = slotKey(student.id, date, session.name);
        const recs = records.get(key) ?? [];
        const ex = excuses.get(key) ?? [];
        const absence = ex.find((e) => e.kind === 'absence');
        const late = ex.find((e) => e.kind === 'late');
        const st = studentSession(recs, { absence: !!absence, late: !!late }, phases.get(date)![i]!);
        if (st.state === 'not_arrived') continue;
        out.push({ student, date, session: session.name, st, reasons: { absence: absence?.reason ?? null, late: late?.reason ?? null } });
      }
    }
  }
  return { days, students, slots: out };
}

function totals(student: RosterStudent, list: Slot[]): Row {
  const row: Row = { ...ref(student), sessions: 0, attended: 0, late: 0, excusedLate: 0, absent: 0, excusedAbsent: 0 };
  for (const s of list) {
    row.sessions++;
    if (s.st.state === 'absent') {
      row.absent++;
      if (s.st.excusedAbsence) row.excusedAbsent++;
    } else row.attended++;
    if (s.st.late) row.late++;
    if (s.st.excusedLate) row.excusedLate++;
  }
  return row;
}

export function attendanceReport(db: Db, config: Config, instant: Date, f: ReportFilter): AttendanceReport {
  const { days, students, slots: all } = slots(db, config, instant, f);
  const per = new Map<number, Slot[]>();
  for (const s of all) {
    const list = per.get(s.student.id);
    if (list) list.push(s);
    else per.set(s.student.id, [s]);
  }
  // The lists read like a register: by date and session, then class and surname (the roster's order, kept by a stable sort).
  const order = new Map(config.schedule.sessions.map((s, i) => [s.name, i]));
  const byDay = [...all].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : order.get(a.session)! - order.get(b.session)!));
  return {
    from: f.from,
    to: f.to,
    schoolDays: days.length,
    rows: students.map((s) => totals(s, per.get(s.id) ?? [])),
    absences: byDay
      .filter((s) => s.st.state === 'absent')
      .map((s) => ({ ...ref(s.student), date: s.date, session: s.session, excused: s.st.excusedAbsence, reason: s.reasons.absence })),
    lates: byDay
      .filter((s) => s.st.late)
      .map((s) => ({
        ...ref(s.student),
        date: s.date,
        session: s.session,
        localTime: s.st.checkIn!.localTime.slice(0, 5),
        minutesLate: s.st.checkIn!.minutesLate,
        excused: s.st.excusedLate,
        reason: s.reasons.late,
      })),
  };
}

export function studentHistory(db: Db, config: Config, instant: Date, f: ReportFilter & { studentId: number }): StudentHistory | null {
  const student = rosterStudents(db, config.school.timezone).find((s) => s.id === f.studentId);
  if (!student) return null;
  const { slots: all } = slots(db, config, instant, f);
  const byDate = new Map<string, Slot[]>();
  for (const s of all) {
    const list = byDate.get(s.date);
    if (list) list.push(s);
    else byDate.set(s.date, [s]);
  }
  return {
    student: ref(student),
    from: f.from,
    to: f.to,
    // Newest first: the office looks at the last few weeks.
    days: [...byDate]
      .sort(([a], [b]) => (a < b ? 1 : -1))
      .map(([date, list]) => ({
        date,
        weekday: weekdayOf(date),
        sessions: list.map((s) => ({ ...s.st, session: s.session, checkIn: s.st.checkIn && recordView(s.st.checkIn), checkOut: s.st.checkOut && recordView(s.st.checkOut) })),
      })),
    totals: totals(student, all),
  };
}
