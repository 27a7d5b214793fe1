// Applies a validated roster in one transaction: either every row lands or none does.
// The file is the truth for the students it lists: names, class and guardian links are updated,
// so a re-import updates instead of duplicating, a guardian removed from a row stops being texted, and
// an archived student the file lists again is back on the roll. A guardian is renamed only through a
// student they are already a guardian of (shared-guardians.ts; guardianConflicts says where not).
import type { Db } from '../db/open.js';
import type { RosterStudent } from './roster.js';
import { hashPin } from './pin.js';
import { guardianByPhone, numberBelongsTo, sameName } from './shared-guardians.js';
import { withdrawQueued } from '../sms/outbox.js';

/** PIN hashes by student number, made before the import (hashRosterPins) so scrypt never runs inside it. */
export type PinHashes = ReadonlyMap<string, string>;

export interface RosterSummary {
  studentsCreated: number;
  studentsUpdated: number;
  studentsUnchanged: number;
  /** Archived students the file lists again, now back (also counted as updated). */
  studentsRestored: number;
  guardiansCreated: number;
  guardiansUpdated: number;
  linksAdded: number;
  linksRemoved: number;
  pinsSet: number;
  /** PINs in the file that the student already has: left as they are, not counted as set. */
  pinsUnchanged: number;
}

/** A student's stored PIN hash and a check of a PIN against it, so a re-import can leave equal PINs alone. */
export interface StoredPins {
  storedHash(studentNumber: string): string | null;
  verify(pin: string, stored: string): Promise<boolean>;
}

/** The stored PIN hashes of the students in `db`. */
export function storedPinsOf(db: Db, verify: StoredPins['verify']): StoredPins {
  const find = db.prepare('SELECT pin_hash FROM students WHERE student_number = ?').pluck();
  return { storedHash: (n) => (find.get(n) as string | null | undefined) ?? null, verify };
}

/**
 * Where the file would attach an existing guardian to a student they are not yet a guardian of under
 * another name (most often a slip in the number, which would text another family about this child),
 * or names one number two ways. Each is an error of the whole file, as a wrong row is.
 */
export function guardianConflicts(db: Db, students: RosterStudent[]): Array<{ studentNumber: string; message: string }> {
  const out: Array<{ studentNumber: string; message: string }> = [];
  const named = new Map<string, { name: string; studentNumber: string }>();
  // A whole school's file: one indexed lookup per number, and the holder's children only for a message.
  const byPhone = db.prepare('SELECT id, name FROM guardians WHERE phone_e164 = ?');
  const holders = new Map<string, { id: number; name: string } | undefined>();
  const holderOf = (phone: string) => {
    if (!holders.has(phone)) holders.set(phone, byPhone.get(phone) as { id: number; name: string } | undefined);
    return holders.get(phone);
  };
  const linkedTo = db.prepare(
    'SELECT 1 FROM student_guardians sg JOIN students s ON s.id = sg.student_id WHERE s.student_number = ? AND sg.guardian_id = ?',
  );
  const renamedByOwnStudent = new Set<string>();
  for (const s of students) {
    for (const g of s.guardians) {
      const first = named.get(g.phoneE164);
      if (first && !sameName(first.name, g.name)) {
        out.push({ studentNumber: s.studentNumber, message: `guardian phone ${g.phoneE164} is ${g.name} here but ${first.name} for student ${first.studentNumber}` });
      }
      if (!first) named.set(g.phoneE164, { name: g.name, studentNumber: s.studentNumber });
      const holder = holderOf(g.phoneE164);
      if (holder && !sameName(holder.name, g.name) && linkedTo.get(s.studentNumber, holder.id)) renamedByOwnStudent.add(g.phoneE164);
    }
  }
  for (const s of students) {
    for (const g of s.guardians) {
      const holder = holderOf(g.phoneE164);
      if (!holder || sameName(holder.name, g.name) || renamedByOwnStudent.has(g.phoneE164)) continue;
      out.push({ studentNumber: s.studentNumber, message: `guardian ${g.name}: ${numberBelongsTo(guardianByPhone(db, g.phoneE164)!)}. Check the number, or give their name as it is` });
    }
  }
  return out;
}

/**
 * Hashes the file's PINs off the main thread (libuv's pool), a few at a time, before the import: a
 * whole school's PINs take minutes of scrypt, and the kiosk must keep answering the door meanwhile.
 */
export async function hashRosterPins(
  students: RosterStudent[],
  hash: (pin: string) => Promise<string>,
  concurrency = 2,
  stored?: StoredPins,
): Promise<PinHashes> {
  const todo = students.filter((s) => s.pin);
  const out = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const s = todo[next++]!;
      // The PIN the student already has keeps its stored hash: importRoster then leaves it alone.
      const current = stored?.storedHash(s.studentNumber);
      if (current && (await stored!.verify(s.pin!, current))) out.set(s.studentNumber, current);
      else out.set(s.studentNumber, await hash(s.pin!));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, todo.length) }, worker));
  return out;
}

export class GuardianConflictError extends Error {}

export function importRoster(
  db: Db,
  students: RosterStudent[],
  now: Date,
  pins: PinHashes | ((pin: string) => string) = hashPin,
): RosterSummary {
  const conflicts = guardianConflicts(db, students);
  if (conflicts.length) throw new GuardianConflictError(conflicts.map((c) => `student ${c.studentNumber}: ${c.message}`).join('\n'));
  const at = now.toISOString();
  const summary: RosterSummary = {
    studentsCreated: 0,
    studentsUpdated: 0,
    studentsUnchanged: 0,
    studentsRestored: 0,
    guardiansCreated: 0,
    guardiansUpdated: 0,
    linksAdded: 0,
    linksRemoved: 0,
    pinsSet: 0,
    pinsUnchanged: 0,
  };
  const pinHashes: PinHashes = typeof pins === 'function' ? new Map(students.filter((s) => s.pin).map((s) => [s.studentNumber, pins(s.pin!)])) : pins;

  const findStudent = db.prepare('SELECT id, first_name, last_name, class_name, archived_at, pin_hash FROM students WHERE student_number = ?');
  const restore = db.prepare('UPDATE students SET archived_at = NULL, updated_at = ? WHERE id = ?');
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
        | { id: number; first_name: string; last_name: string; class_name: string; archived_at: string | null; pin_hash: string | null }
        | undefined;
      let studentId: number;
      if (!existing) {
        studentId = Number(insertStudent.run(s.studentNumber, s.firstName, s.lastName, s.className, at, at).lastInsertRowid);
        summary.studentsCreated++;
      } else {
        studentId = existing.id;
        const changed = existing.first_name !== s.firstName || existing.last_name !== s.lastName || existing.class_name !== s.className;
        if (changed) updateStudent.run(s.firstName, s.lastName, s.className, at, studentId);
        if (existing.archived_at !== null) {
          restore.run(at, studentId);
          summary.studentsRestored++;
        }
        if (changed || existing.archived_at !== null) summary.studentsUpdated++;
        else summary.studentsUnchanged++;
      }
      const pinHash = pinHashes.get(s.studentNumber);
      if (pinHash && pinHash === existing?.pin_hash) summary.pinsUnchanged++;
      else if (pinHash) {
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
          // Only a student already theirs gets here with another name (guardianConflicts).
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
          withdrawQueued(db, old, 'not sent: no longer a guardian of this student', now, { studentId });
          summary.linksRemoved++;
        }
      }
    }
  })();
  return summary;
}
