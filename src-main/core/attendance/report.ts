// Attendance as CSV in the school's local date and time, as the office and its spreadsheets read it.
import type { Db } from '../db/open.js';
import { toCsvLine } from '../people/csv.js';

export const REPORT_HEADER = ['date', 'time', 'student_number', 'name', 'kind', 'status', 'method'] as const;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isSchoolDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** A cell a spreadsheet would run as a formula is prefixed so it stays text (CSV injection). */
function spreadsheetSafe(s: string): string {
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
}

export function* attendanceCsv(db: Db, from: string, to: string): Generator<string> {
  if (!isSchoolDate(from) || !isSchoolDate(to)) throw new Error('Dates must be real dates written YYYY-MM-DD');
  if (from > to) throw new Error(`--from ${from} is after --to ${to}`);
  yield toCsvLine([...REPORT_HEADER]);
  const rows = db
    .prepare(
      `SELECT a.local_date AS date, a.local_time AS time, s.student_number AS number, s.first_name AS first, s.last_name AS last,
              a.kind AS kind, a.status AS status, a.method AS method
         FROM attendance a JOIN students s ON s.id = a.student_id
        WHERE a.local_date BETWEEN ? AND ?
        ORDER BY a.local_date, a.local_time, a.id`,
    )
    .iterate(from, to) as IterableIterator<Record<'date' | 'time' | 'number' | 'first' | 'last' | 'kind' | 'status' | 'method', string>>;
  for (const r of rows) {
    yield toCsvLine([r.date, r.time, spreadsheetSafe(r.number), spreadsheetSafe(`${r.first} ${r.last}`), r.kind, r.status, r.method]);
  }
}
