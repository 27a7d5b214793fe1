import { join } from 'node:path';
import { openDatabase, type Db } from '../core/db/open.js';
import { importRoster } from '../core/people/roster-import.js';
import { parseRoster } from '../core/people/roster.js';

/** A real kiosk database file with `students` students (two guardians each), in `dir`. */
export function schoolDatabase(dir: string, students = 20, now = new Date('2026-12-07T07:00:00Z')): { db: Db; file: string } {
  const file = join(dir, 'rollcall.db');
  const db = openDatabase(file, { now: () => now });
  const lines = ['student_number,first_name,last_name,class,guardian_name,guardian_phone,guardian2_name,guardian2_phone'];
  for (let i = 0; i < students; i++) {
    const n = String(i).padStart(4, '0');
    lines.push(`S${n},First${i},Last${i},7A,Guardian ${i},07400 1${n.slice(0, 4)}0,Second ${i},07400 2${n.slice(0, 4)}0`);
  }
  const roster = parseRoster(lines.join('\n') + '\n', 'GB');
  if (!roster.ok) throw new Error(JSON.stringify(roster.errors.slice(0, 3)));
  importRoster(db, roster.students, now, (pin) => `test-hash-${pin}`);
  return { db, file };
}
