// The roster as a CSV in exactly the import format, so an export edited in a spreadsheet imports back.
// Cells that a spreadsheet would run as a formula (= + - @, tab, CR) get a leading apostrophe (OWASP
// CSV injection); the roster reader drops that apostrophe again, so a "+44…" number survives the trip.
import type { Db } from '../db/open.js';
import { toCsvLine } from './csv.js';

const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetSafe(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function exportRoster(db: Db): string {
  const students = db
    .prepare('SELECT id, student_number, first_name, last_name, class_name FROM students WHERE archived_at IS NULL ORDER BY class_name, last_name, first_name')
    .all() as Array<{ id: number; student_number: string; first_name: string; last_name: string; class_name: string }>;
  const guardians = db.prepare(
    'SELECT g.name, g.phone_e164 FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id WHERE sg.student_id = ? ORDER BY sg.priority, g.id',
  );
  const rows = students.map((s) => ({ s, g: guardians.all(s.id) as Array<{ name: string; phone_e164: string }> }));
  const most = Math.max(1, ...rows.map((r) => r.g.length));
  const header = ['student_number', 'first_name', 'last_name', 'class', 'guardian_name', 'guardian_phone'];
  for (let n = 2; n <= most; n++) header.push(`guardian${n}_name`, `guardian${n}_phone`);
  const lines = [toCsvLine(header)];
  for (const { s, g } of rows) {
    const cells = [s.student_number, s.first_name, s.last_name, s.class_name];
    for (let i = 0; i < most; i++) cells.push(g[i]?.name ?? '', g[i]?.phone_e164 ?? '');
    lines.push(toCsvLine(cells.map(spreadsheetSafe)));
  }
  return lines.join('\r\n') + '\r\n';
}
