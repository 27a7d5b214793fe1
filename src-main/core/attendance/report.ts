// Attendance as CSV in the school's local date and time, as the office and its spreadsheets read it.
import type { AttendanceReport } from '../../../src-preload/contract.js';
import type { Db } from '../db/open.js';
import { toCsvLine } from '../people/csv.js';

/**
 * Records as they now stand: a corrected record shows its corrected values and says so, a voided one
 * is left out. The columns after `method` were added with corrections; spreadsheets that read the
 * first seven by position still do.
 */
export const REPORT_HEADER = ['date', 'time', 'student_number', 'name', 'kind', 'status', 'method', 'class', 'corrected', 'note'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isSchoolDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A cell a spreadsheet would run as a formula is prefixed so it stays text (CSV injection). */
export function spreadsheetSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function* attendanceCsv(db: Db, from: string, to: string, filter: { className?: string; studentId?: number } = {}): Generator<string> {
  if (!isSchoolDate(from) || !isSchoolDate(to)) throw new Error('Dates must be real dates written YYYY-MM-DD');
  if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
  yield toCsvLine([...REPORT_HEADER]);
  const rows = db
    .prepare(
      `SELECT a.local_date AS date, a.local_time AS time, s.student_number AS number, s.first_name AS first, s.last_name AS last,
              a.kind AS kind, a.status AS status, a.method AS method, s.class_name AS class,
              a.correction_id AS correction, COALESCE(a.correction_reason, a.manual_reason, '') AS note
         FROM attendance_effective a JOIN students s ON s.id = a.student_id
        WHERE a.local_date BETWEEN @from AND @to
          AND (@className IS NULL OR s.class_name = @className)
          AND (@studentId IS NULL OR s.id = @studentId)
        ORDER BY a.local_date, a.local_time, a.id`,
    )
    .iterate({ from, to, className: filter.className ?? null, studentId: filter.studentId ?? null }) as IterableIterator<
    Record<'date' | 'time' | 'number' | 'first' | 'last' | 'kind' | 'status' | 'method' | 'class' | 'note', string> & { correction: number | null }
  >;
  for (const r of rows) {
    yield toCsvLine([
      r.date, r.time, spreadsheetSafe(r.number), spreadsheetSafe(`${r.first} ${r.last}`), r.kind, r.status, r.method,
      spreadsheetSafe(r.class), r.correction === null ? '' : 'yes', spreadsheetSafe(r.note),
    ]);
  }
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');

/** The report's tables as CSV files, every typed cell made safe for spreadsheets. */
export function reportCsv(report: AttendanceReport, what: 'summary' | 'absences' | 'lates'): string {
  const lines: Array<Array<string | number>> = [];
  if (what === 'summary') {
    lines.push(['student_number', 'name', 'class', 'sessions', 'attended', 'late', 'excused_late', 'absent', 'excused_absent']);
    for (const r of report.rows) {
      lines.push([spreadsheetSafe(r.studentNumber), spreadsheetSafe(r.name), spreadsheetSafe(r.className), r.sessions, r.attended, r.late, r.excusedLate, r.absent, r.excusedAbsent]);
    }
  } else if (what === 'absences') {
    lines.push(['date', 'session', 'student_number', 'name', 'class', 'excused', 'reason']);
    for (const r of report.absences) {
      lines.push([r.date, r.session, spreadsheetSafe(r.studentNumber), spreadsheetSafe(r.name), spreadsheetSafe(r.className), yesNo(r.excused), spreadsheetSafe(r.reason ?? '')]);
    }
  } else {
    lines.push(['date', 'session', 'time', 'minutes_late', 'student_number', 'name', 'class', 'excused', 'reason']);
    for (const r of report.lates) {
      lines.push([r.date, r.session, r.localTime, r.minutesLate, spreadsheetSafe(r.studentNumber), spreadsheetSafe(r.name), spreadsheetSafe(r.className), yesNo(r.excused), spreadsheetSafe(r.reason ?? '')]);
    }
  }
  return lines.map((l) => toCsvLine(l)).join('\n') + '\n';
}
