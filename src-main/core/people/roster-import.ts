// Applies a validated roster in one transaction: either every row lands or none does.
// The file is the truth for the students it lists: names, class and guardian links are updated,
// so a re-import updates instead of duplicating, and a guardian removed from a row stops being texted.
import type { Db } from '../db/open.js';
import type { RosterStudent } from './roster.js';
import { hashPin } from './pin.js';

export interface RosterSummary {
  studentsCreated: number;
  studentsUpdated: number;
  studentsUnchanged: number;
  guardiansCreated: number;
  guardiansUpdated: number;
  linksAdded: number;
  linksRemoved: number;
  pinsSet: number;
}

export function importRoster(db: Db, students: RosterStudent[], now: Date, hash: (pin: string) => string = hashPin): RosterSummary {
  const at = now.toISOString();
  const summary: RosterSummary = {
    studentsCreated: 0,
    studentsUpdated: 0,
    studentsUnchanged: 0,
    guardiansCreated: 0,
    guardiansUpdated: 0,
    linksAdded: 0,
    linksRemoved: 0,
    pinsSet: 0,
  };
  // Hash outside the transaction: scrypt is slow on purpose and must not hold the write lock.
  const pinHashes = new Map(students.filter((s) => s.pin).map((s) => [s.studentNumber, hash(s.pin!)]));

  const findStudent = db.prepare('SELECT id, first_name, last_name, class_name FROM students WHERE student_number = ?');
  const insertStudent = db.prepare(
    `INSERT INTO students (student_number, first_name, last_name, class_name, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const updateStudent = db.prepare('UPDATE students SET first_name = ?, last_name = ?, class_name = ?, updated_at = ? WHERE id = ?');
  const setPin = db.prepare('UPDATE students SET pin_hash = ?, updated_at = ? WHERE id = ?');
  const findGuardian = db.prepare('SELECT id, name FROM guardians WHERE phone_e164 = ?');
  const insertGuardian = db.prepare('INSERT INTO guardians (name, phone_e164, created_at, updated_at) VALUES (?, ?, ?, ?)');
  const renameGuardian = db.prepare('UPDATE guardians SET name = ?, updated_at = ? WHERE id = ?');
  const links = db.prepare('SELECT guardian_id FROM student_guardians WHERE student_id = ?');
  const addLink = db.prepare('INSERT INTO student_guardians (student_id, guardian_id, priority) VALUES (?, ?, ?)');
  const setPriority = db.prepare('UPDATE student_guardians SET priority = ? WHERE student_id = ? AND guardian_id = ?');
  const removeLink = db.prepare('DELETE FROM student_guardians WHERE student_id = ? AND guardian_id = ?');

  db.transaction(() => {
    for (const s of students) {
      const existing = findStudent.get(s.studentNumber) as
        | { id: number; first_name: string; last_name: string; class_name: string }
        | undefined;
      let studentId: number;
      if (!existing) {
        studentId = Number(insertStudent.run(s.studentNumber, s.firstName, s.lastName, s.className, at, at).lastInsertRowid);
        summary.studentsCreated++;
      } else {
        studentId = existing.id;
        const changed = existing.first_name !== s.firstName || existing.last_name !== s.lastName || existing.class_name !== s.className;
        if (changed) updateStudent.run(s.firstName, s.lastName, s.className, at, studentId);
        if (changed) summary.studentsUpdated++;
        else summary.studentsUnchanged++;
      }
      const pinHash = pinHashes.get(s.studentNumber);
      if (pinHash) {
        setPin.run(pinHash, at, studentId);
        summary.pinsSet++;
      }
      const before = new Set((links.all(studentId) as Array<{ guardian_id: number }>).map((l) => l.guardian_id));
      const keep = new Set<number>();
      s.guardians.forEach((g, index) => {
        const found = findGuardian.get(g.phoneE164) as { id: number; name: string } | undefined;
        let guardianId: number;
        if (!found) {
          guardianId = Number(insertGuardian.run(g.name, g.phoneE164, at, at).lastInsertRowid);
          summary.guardiansCreated++;
        } else {
          guardianId = found.id;
          if (found.name !== g.name) {
            renameGuardian.run(g.name, at, guardianId);
            summary.guardiansUpdated++;
          }
        }
        keep.add(guardianId);
        if (before.has(guardianId)) setPriority.run(index + 1, studentId, guardianId);
        else {
          addLink.run(studentId, guardianId, index + 1);
          summary.linksAdded++;
        }
      });
      for (const old of before) {
        if (!keep.has(old)) {
          removeLink.run(studentId, old);
          summary.linksRemoved++;
        }
      }
    }
  })();
  return summary;
}
