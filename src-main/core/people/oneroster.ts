// OneRoster 1.1 CSV bundle (users.csv, classes.csv, enrollments.csv) → the same validated students the
// roster CSV gives, so both go through one import. Pure: no database here.
// - Students are users with role "student"; their student number is `identifier` (the SIS number,
//   printed on the QR card), falling back to `username`.
// - Class: the student's homeroom enrolment if any, else their first class; shown by `title`.
// - Guardians are users with role parent, guardian or relative, linked either way through
//   `agentSourcedIds` (the spec lets either side carry the link); phone from `sms`, else `phone`.
// - Rows with status "tobedeleted" and users with enabledUser false are left out.
import { parseCsv, CsvError, type CsvTable } from './csv.js';
import { normaliseMobile } from './phone.js';
import type { RosterGuardian, RosterStudent } from './roster.js';

export interface OneRosterError {
  file: string;
  line: number;
  message: string;
}

/** Warnings do not stop the import: a parent without a usable mobile is left out when the student has another guardian. */
export type OneRosterParse = { ok: true; students: RosterStudent[]; warnings: OneRosterError[] } | { ok: false; errors: OneRosterError[] };

export const ONEROSTER_FILES = ['users.csv', 'classes.csv', 'enrollments.csv'] as const;

const REQUIRED: Record<(typeof ONEROSTER_FILES)[number], string[]> = {
  'users.csv': ['sourcedid', 'role', 'username', 'givenname', 'familyname', 'identifier', 'agentsourcedids'],
  'classes.csv': ['sourcedid', 'title'],
  'enrollments.csv': ['classsourcedid', 'usersourcedid', 'role'],
};
const GUARDIAN_ROLES = new Set(['parent', 'guardian', 'relative']);
const STUDENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

interface Table {
  file: string;
  rows: Array<{ line: number; get(col: string): string }>;
}

function table(file: string, t: CsvTable): Table {
  return {
    file,
    rows: t.rows.map((r) => ({
      line: r.line,
      get: (col: string) => {
        const i = t.header.indexOf(col.toLowerCase());
        return i < 0 ? '' : (r.cells[i] ?? '').normalize('NFC').trim();
      },
    })),
  };
}

const active = (r: { get(c: string): string }) => r.get('status').toLowerCase() !== 'tobedeleted' && r.get('enabledUser').toLowerCase() !== 'false';
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);

export function parseOneRoster(files: Record<string, string>, country: string): OneRosterParse {
  const errors: OneRosterError[] = [];
  const tables: Partial<Record<(typeof ONEROSTER_FILES)[number], Table>> = {};
  for (const name of ONEROSTER_FILES) {
    const text = files[name];
    if (text === undefined) {
      errors.push({ file: name, line: 0, message: `${name} is missing from the bundle` });
      continue;
    }
    try {
      const t = parseCsv(text);
      const missing = REQUIRED[name].filter((c) => !t.header.includes(c));
      if (missing.length) errors.push({ file: name, line: 1, message: `Missing column(s): ${missing.join(', ')}` });
      else tables[name] = table(name, t);
    } catch (e) {
      if (!(e instanceof CsvError)) throw e;
      errors.push({ file: name, line: 0, message: e.message });
    }
  }
  if (errors.length) return { ok: false, errors };
  const users = tables['users.csv']!.rows.filter(active);
  const classes = new Map(tables['classes.csv']!.rows.filter(active).map((c) => [c.get('sourcedId'), c]));

  const byId = new Map(users.map((u) => [u.get('sourcedId'), u]));
  const guardiansOf = new Map<string, Set<string>>();
  const link = (student: string, guardian: string) => {
    if (!guardiansOf.has(student)) guardiansOf.set(student, new Set());
    guardiansOf.get(student)!.add(guardian);
  };
  for (const u of users) {
    const role = u.get('role').toLowerCase();
    for (const agent of list(u.get('agentSourcedIds'))) {
      const other = byId.get(agent);
      if (!other) continue;
      if (role === 'student' && GUARDIAN_ROLES.has(other.get('role').toLowerCase())) link(u.get('sourcedId'), agent);
      if (GUARDIAN_ROLES.has(role) && other.get('role').toLowerCase() === 'student') link(agent, u.get('sourcedId'));
    }
  }

  const classOf = new Map<string, { title: string; homeroom: boolean }>();
  for (const e of tables['enrollments.csv']!.rows.filter(active)) {
    if (e.get('role').toLowerCase() !== 'student') continue;
    const c = classes.get(e.get('classSourcedId'));
    if (!c) {
      errors.push({ file: 'enrollments.csv', line: e.line, message: `class ${e.get('classSourcedId')} is not in classes.csv` });
      continue;
    }
    const homeroom = c.get('classType').toLowerCase() === 'homeroom';
    const had = classOf.get(e.get('userSourcedId'));
    if (!had || (homeroom && !had.homeroom)) classOf.set(e.get('userSourcedId'), { title: c.get('title'), homeroom });
  }

  const students: RosterStudent[] = [];
  const warnings: OneRosterError[] = [];
  const numbers = new Map<string, number>();
  for (const u of users) {
    if (u.get('role').toLowerCase() !== 'student') continue;
    const rowErrors: string[] = [];
    const studentNumber = u.get('identifier') || u.get('username');
    if (!STUDENT_NUMBER.test(studentNumber)) rowErrors.push(`identifier '${studentNumber}' must be 1-32 letters, digits, - or _`);
    const seen = numbers.get(studentNumber);
    if (seen !== undefined) rowErrors.push(`identifier ${studentNumber} is also used on line ${seen}`);
    numbers.set(studentNumber, u.line);
    const firstName = u.get('givenName');
    const lastName = u.get('familyName');
    if (!firstName) rowErrors.push('givenName is empty');
    if (!lastName) rowErrors.push('familyName is empty');
    const guardians: RosterGuardian[] = [];
    const unreachable: OneRosterError[] = [];
    for (const gid of guardiansOf.get(u.get('sourcedId')) ?? []) {
      const g = byId.get(gid)!;
      const name = `${g.get('givenName')} ${g.get('familyName')}`.trim();
      const raw = g.get('sms') || g.get('phone');
      const phone = normaliseMobile(raw, country);
      if (!phone.ok) unreachable.push({ file: 'users.csv', line: g.line, message: `guardian ${name || gid}: phone ${phone.reason}` });
      else if (!guardians.some((x) => x.phoneE164 === phone.e164)) guardians.push({ name: name || gid, phoneE164: phone.e164 });
    }
    // SIS exports often hold a parent without a mobile; that must not stop the whole school's import
    // when the student has another guardian to text. With nobody to text, it is an error as before.
    if (guardians.length > 0) {
      for (const w of unreachable) warnings.push({ ...w, message: `${w.message}; left out for student ${studentNumber}, who keeps their other guardians` });
    } else {
      for (const e of unreachable) if (!errors.some((x) => x.line === e.line && x.message === e.message)) errors.push(e);
    }
    if ((guardiansOf.get(u.get('sourcedId'))?.size ?? 0) === 0) rowErrors.push('has no parent or guardian (agentSourcedIds)');
    if (rowErrors.length) {
      errors.push({ file: 'users.csv', line: u.line, message: rowErrors.join('; ') });
      continue;
    }
    students.push({ studentNumber, firstName, lastName, className: classOf.get(u.get('sourcedId'))?.title ?? '', pin: null, guardians });
  }
  if (!errors.length && students.length === 0) errors.push({ file: 'users.csv', line: 2, message: 'The bundle has no students' });
  if (errors.length) return { ok: false, errors: errors.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line) };
  return { ok: true, students, warnings: warnings.sort((a, b) => a.line - b.line) };
}
