// Which guardians hear about what. "Do not contact" always wins; otherwise each guardian gets only the
// message types they chose. Every text the school sends goes through guardiansToNotify.
import type { Db } from '../db/open.js';
import { MESSAGE_TYPES } from '../../../src-preload/contract/people.js';
import type { GuardianContact } from './students.js';

export { MESSAGE_TYPES };
export type MessageType = (typeof MESSAGE_TYPES)[number];

export function parseNotify(stored: string): MessageType[] {
  const chosen = new Set(stored.split(',').map((s) => s.trim()));
  return MESSAGE_TYPES.filter((t) => chosen.has(t));
}

export function formatNotify(types: readonly MessageType[]): string {
  return MESSAGE_TYPES.filter((t) => types.includes(t)).join(',');
}

/**
 * Guardians to text about a student for a message that counts as any of `types` (a late check-in is
 * both a check_in and a late_arrival: a guardian who only asked for late arrivals still hears of it).
 */
export function guardiansToNotify(db: Db, studentId: number, types: readonly MessageType[]): GuardianContact[] {
  const rows = db
    .prepare(
      `SELECT g.id AS guardianId, g.name AS name, g.phone_e164 AS phoneE164, g.notify AS notify
         FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id
        WHERE sg.student_id = ? AND g.do_not_contact = 0
        ORDER BY sg.priority, g.id`,
    )
    .all(studentId) as Array<GuardianContact & { notify: string }>;
  return rows
    .filter((r) => parseNotify(r.notify).some((t) => types.includes(t)))
    .map(({ notify: _notify, ...g }) => g);
}
