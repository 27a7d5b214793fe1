// Turns a roster CSV into validated students with their guardians. Pure: no database here.
// Guardians come as extra column groups (guardian2_name, guardian2_phone, ...) or as extra rows that
// repeat the student number; both forms may be mixed.
import { parseCsv, CsvError } from './csv.js';
import { normaliseMobile } from './phone.js';
import { isValidPin } from './pin.js';

export interface RosterGuardian {
  name: string;
  phoneE164: string;
}

export interface RosterStudent {
  studentNumber: string;
  firstName: string;
  lastName: string;
  className: string;
  pin: string | null;
  guardians: RosterGuardian[];
}

export interface RosterError {
  line: number;
  message: string;
}

export type RosterParse = { ok: true; students: RosterStudent[] } | { ok: false; errors: RosterError[] };

const REQUIRED = ['student_number', 'first_name', 'last_name', 'class', 'guardian_name', 'guardian_phone'] as const;
const STUDENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export function parseRoster(text: string, country: string): RosterParse {
  let table;
  try {
    table = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvError) return { ok: false, errors: [{ line: 0, message: e.message }] };
    throw e;
  }
  const missing = REQUIRED.filter((c) => !table.header.includes(c));
  if (missing.length) {
    // Spreadsheets in many European locales save "CSV" with semicolons: one header cell holds them all.
    const semicolons = table.header.length === 1 && table.header[0]!.includes(';');
    const hint = semicolons ? ' (the file is separated by semicolons; save it as comma-separated CSV)' : '';
    return { ok: false, errors: [{ line: 1, message: `Missing column(s): ${missing.join(', ')}${hint}` }] };
  }
  const col = (name: string) => table.header.indexOf(name);
  const guardianColumns: Array<{ name: number; phone: number }> = [{ name: col('guardian_name'), phone: col('guardian_phone') }];
  for (let n = 2; col(`guardian${n}_name`) >= 0 || col(`guardian${n}_phone`) >= 0; n++) {
    if (col(`guardian${n}_name`) < 0 || col(`guardian${n}_phone`) < 0) {
      return { ok: false, errors: [{ line: 1, message: `guardian${n}_name and guardian${n}_phone must come together` }] };
    }
    guardianColumns.push({ name: col(`guardian${n}_name`), phone: col(`guardian${n}_phone`) });
  }
  const pinCol = col('pin');

  const errors: RosterError[] = [];
  const byNumber = new Map<string, RosterStudent & { line: number }>();
  for (const { line, cells } of table.rows) {
    // An apostrophe before = + - @ is the spreadsheet-safety escape our export adds; it is not data.
    const cell = (i: number) => (cells[i] ?? '').normalize('NFC').trim().replace(/^'(?=[=+\-@])/, '');
    if (cells.length > table.header.length) {
      errors.push({ line, message: `has ${cells.length} fields but the header has ${table.header.length}` });
      continue;
    }
    const studentNumber = cell(col('student_number'));
    const firstName = cell(col('first_name'));
    const lastName = cell(col('last_name'));
    const className = cell(col('class'));
    const pin = pinCol >= 0 ? cell(pinCol) : '';
    const rowErrors: string[] = [];
    if (!studentNumber) rowErrors.push('student_number is empty');
    else if (!STUDENT_NUMBER.test(studentNumber)) rowErrors.push(`student_number '${studentNumber}' must be 1-32 letters, digits, - or _`);
    if (!firstName) rowErrors.push('first_name is empty');
    if (!lastName) rowErrors.push('last_name is empty');
    if (firstName.length > 60 || lastName.length > 60) rowErrors.push('names must be at most 60 characters');
    if (pin && !isValidPin(pin)) rowErrors.push('pin must be 4 to 8 digits');
    const guardians: RosterGuardian[] = [];
    guardianColumns.forEach((g, idx) => {
      const label = idx === 0 ? 'guardian' : `guardian${idx + 1}`;
      const name = cell(g.name);
      const phone = cell(g.phone);
      if (!name && !phone) {
        if (idx === 0) rowErrors.push('guardian_name and guardian_phone are empty');
        return;
      }
      if (!name) rowErrors.push(`${label}_name is empty`);
      const normalised = normaliseMobile(phone, country);
      if (!normalised.ok) rowErrors.push(`${label}_phone ${normalised.reason}`);
      else if (name) guardians.push({ name, phoneE164: normalised.e164 });
    });
    if (rowErrors.length) {
      errors.push({ line, message: rowErrors.join('; ') });
      continue;
    }
    const seen = byNumber.get(studentNumber);
    if (!seen) {
      byNumber.set(studentNumber, { line, studentNumber, firstName, lastName, className, pin: pin || null, guardians: dedupe(guardians) });
      continue;
    }
    if (seen.firstName !== firstName || seen.lastName !== lastName || seen.className !== className) {
      errors.push({ line, message: `student ${studentNumber} appears on line ${seen.line} with a different name or class` });
      continue;
    }
    if (pin && seen.pin && pin !== seen.pin) {
      errors.push({ line, message: `student ${studentNumber} has a different pin on line ${seen.line}` });
      continue;
    }
    seen.pin ??= pin || null;
    seen.guardians = dedupe([...seen.guardians, ...guardians]);
  }
  if (table.rows.length === 0) errors.push({ line: 2, message: 'The roster has no students' });
  if (errors.length) return { ok: false, errors };
  return { ok: true, students: [...byNumber.values()].map(({ line: _line, ...s }) => s) };
}

function dedupe(guardians: RosterGuardian[]): RosterGuardian[] {
  const byPhone = new Map<string, RosterGuardian>();
  for (const g of guardians) if (!byPhone.has(g.phoneE164)) byPhone.set(g.phoneE164, g);
  return [...byPhone.values()];
}
