import type { Db } from '../db/open.js';

export interface Student {
  id: number;
  studentNumber: string;
  firstName: string;
  lastName: string;
  className: string;
  pinHash: string | null;
  archivedAt: string | null;
  /** Close to another enrolled face: the kiosk always asks for a second factor. */
  lookAlike: boolean;
}

export interface GuardianContact {
  guardianId: number;
  name: string;
  phoneE164: string;
}

interface StudentRow {
  id: number;
  student_number: string;
  first_name: string;
  last_name: string;
  class_name: string;
  pin_hash: string | null;
  archived_at: string | null;
  look_alike: number;
}

const fromRow = (r: StudentRow): Student => ({
  id: r.id,
  studentNumber: r.student_number,
  firstName: r.first_name,
  lastName: r.last_name,
  className: r.class_name,
  pinHash: r.pin_hash,
  archivedAt: r.archived_at,
  lookAlike: r.look_alike === 1,
});

export function findStudentByNumber(db: Db, studentNumber: string): Student | null {
  const row = db.prepare('SELECT * FROM students WHERE student_number = ?').get(studentNumber) as StudentRow | undefined;
  return row ? fromRow(row) : null;
}

/**
 * The student a number typed at the pad means: that exact number, else the one student whose number
 * differs from it only in letter case (the pad's letters are capitals; a roster may say "ab12").
 * Two numbers that differ only in case make the typed one ambiguous, and nobody is found.
 */
export function findStudentByTypedNumber(db: Db, typed: string): Student | null {
  const exact = findStudentByNumber(db, typed);
  if (exact) return exact;
  const rows = db.prepare('SELECT * FROM students WHERE student_number = ? COLLATE NOCASE LIMIT 2').all(typed) as StudentRow[];
  return rows.length === 1 ? fromRow(rows[0]!) : null;
}

export function findStudentById(db: Db, id: number): Student | null {
  const row = db.prepare('SELECT * FROM students WHERE id = ?').get(id) as StudentRow | undefined;
  return row ? fromRow(row) : null;
}


export function displayName(s: Pick<Student, 'firstName' | 'lastName'>): string {
  return `${s.firstName} ${s.lastName}`;
}
