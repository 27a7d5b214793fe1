// A guardian is one person by phone number, shared by every student who lists that number (siblings).
// Who may change them: an edit on the page of a student they are already a guardian of (it applies to
// all their children, and the editor says so). A number typed as a new guardian row, or a new link in
// an imported file, joins the existing person as they are: a slip in a number must not rename another
// family's guardian, and "do not contact" (often a court order) is never cleared as a side effect.
import type { Db } from '../db/open.js';

export interface GuardianHolder {
  id: number;
  name: string;
  doNotContact: boolean;
  /** The students they are a guardian of, as "Ben Okafor (7B)". */
  students: string[];
}

/** Names the office would call the same: letter case, accents' encoding and extra spaces aside. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase();
  return norm(a) === norm(b);
}

export function studentsOfGuardian(db: Db, guardianId: number, exceptStudentId?: number): string[] {
  const rows = db
    .prepare(
      `SELECT s.first_name, s.last_name, s.class_name FROM student_guardians sg JOIN students s ON s.id = sg.student_id
        WHERE sg.guardian_id = ? AND s.id IS NOT ? ORDER BY s.last_name, s.first_name`,
    )
    .all(guardianId, exceptStudentId ?? null) as Array<{ first_name: string; last_name: string; class_name: string }>;
  return rows.map((r) => `${r.first_name} ${r.last_name}${r.class_name ? ` (${r.class_name})` : ''}`);
}

export function guardianByPhone(db: Db, phoneE164: string): GuardianHolder | undefined {
  const row = db.prepare('SELECT id, name, do_not_contact FROM guardians WHERE phone_e164 = ?').get(phoneE164) as
    | { id: number; name: string; do_not_contact: number }
    | undefined;
  if (!row) return undefined;
  return { id: row.id, name: row.name, doNotContact: row.do_not_contact === 1, students: studentsOfGuardian(db, row.id) };
}

/** Why a number cannot be taken as typed: it is someone else's. */
export function numberBelongsTo(holder: GuardianHolder): string {
  const of = holder.students.length ? `, guardian of ${holder.students.join(', ')}` : '';
  return `This number belongs to ${holder.name}${of}`;
}
