// What an import would change, before anything is written: the real import runs inside a transaction
// that is always rolled back (so the counts are exactly what "confirm" will do), and each student's
// change is described in words for the preview table.
import type { ImportChange, ImportSummary } from '../../../src-preload/contract/people.js';
import type { Db } from '../db/open.js';
import type { RosterStudent } from './roster.js';
import { importRoster, type RosterSummary } from './roster-import.js';

class DryRun extends Error {
  constructor(readonly summary: RosterSummary) {
    super('dry run');
  }
}

export function toImportSummary(s: RosterSummary, studentsNotInFile: number): ImportSummary {
  return {
    studentsNotInFile,
    studentsNew: s.studentsCreated,
    studentsUpdated: s.studentsUpdated,
    studentsUnchanged: s.studentsUnchanged,
    studentsRestored: s.studentsRestored,
    guardiansNew: s.guardiansCreated,
    guardiansUpdated: s.guardiansUpdated,
    linksAdded: s.linksAdded,
    linksRemoved: s.linksRemoved,
  };
}

export function previewRoster(db: Db, students: RosterStudent[], now: Date): { summary: ImportSummary; changes: ImportChange[] } {
  const changes = students.map((s) => describe(db, s));
  let summary: RosterSummary;
  try {
    // PINs are not hashed for the preview: scrypt is slow on purpose, and nothing is kept.
    db.transaction(() => {
      throw new DryRun(importRoster(db, students, now, () => 'preview'));
    })();
    throw new Error('unreachable: the dry run always rolls back');
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
    summary = e.summary;
  }
  // A student whose guardians change is "updated" in the table even when their name is not.
  return { summary: toImportSummary(summary, notInFile(db, students)), changes };
}

export function notInFile(db: Db, students: RosterStudent[]): number {
  const listed = new Set(students.map((s) => s.studentNumber));
  const current = db.prepare('SELECT student_number FROM students WHERE archived_at IS NULL').all() as Array<{ student_number: string }>;
  return current.filter((r) => !listed.has(r.student_number)).length;
}

function describe(db: Db, s: RosterStudent): ImportChange {
  const base = { studentNumber: s.studentNumber, name: `${s.firstName} ${s.lastName}`, className: s.className };
  const existing = db.prepare('SELECT id, first_name, last_name, class_name, archived_at FROM students WHERE student_number = ?').get(s.studentNumber) as
    | { id: number; first_name: string; last_name: string; class_name: string; archived_at: string | null }
    | undefined;
  if (!existing) return { ...base, change: 'new', details: [`with ${s.guardians.length === 1 ? '1 guardian' : `${s.guardians.length} guardians`}`] };
  const details: string[] = [];
  if (existing.archived_at !== null) details.push(`back on the roll (archived ${existing.archived_at.slice(0, 10)})`);
  if (existing.first_name !== s.firstName || existing.last_name !== s.lastName) {
    details.push(`name ${existing.first_name} ${existing.last_name} → ${s.firstName} ${s.lastName}`);
  }
  if (existing.class_name !== s.className) details.push(`class ${existing.class_name || '(none)'} → ${s.className || '(none)'}`);
  if (s.pin) details.push('new PIN');
  const current = db
    .prepare('SELECT g.name, g.phone_e164 FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id WHERE sg.student_id = ?')
    .all(existing.id) as Array<{ name: string; phone_e164: string }>;
  const byPhone = new Map(current.map((g) => [g.phone_e164, g.name]));
  const incoming = new Set(s.guardians.map((g) => g.phoneE164));
  for (const g of s.guardians) {
    const had = byPhone.get(g.phoneE164);
    if (had === undefined) details.push(`guardian ${g.name} added`);
    else if (had !== g.name) details.push(`guardian ${had} renamed ${g.name}`);
  }
  for (const g of current) if (!incoming.has(g.phone_e164)) details.push(`guardian ${g.name} removed`);
  return { ...base, change: details.length ? 'updated' : 'unchanged', details };
}
