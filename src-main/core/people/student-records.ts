// Students and their guardians as the office edits them: list with search, one student's record,
// create/edit (validated: phone numbers through the phone module), archive. A guardian is one person
// by phone number; siblings share them, so a guardian's choices apply to every child they have here,
// and only a page they are already on edits them (shared-guardians.ts).
import type { FieldError, GuardianInput, GuardianView, StudentInput, StudentSummary } from '../../../src-preload/contract/people.js';
import type { Db } from '../db/open.js';
import { normaliseMobile } from './phone.js';
import { hashPin } from './pin.js';
import { formatNotify, parseNotify, type MessageType } from './notify.js';
import { guardianByPhone, numberBelongsTo, sameName, studentsOfGuardian } from './shared-guardians.js';
import { readdressQueued, withdrawQueued } from '../sms/outbox.js';
import { consentStatusOf, type ConsentPolicy } from '../consent/consent-ledger.js';
import { withdrawAllNotices } from '../daily-notices/notices.js';

const STUDENT_NUMBER = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

interface SummaryRow {
  id: number;
  student_number: string;
  first_name: string;
  last_name: string;
  class_name: string;
  archived_at: string | null;
  look_alike: number;
  guardians: number;
  templates: number;
}

export function listStudents(
  db: Db,
  opts: { query: string; includeArchived: boolean },
  policy: ConsentPolicy,
): StudentSummary[] {
  const q = opts.query.trim().toLowerCase();
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = db
    .prepare(
      `SELECT s.id, s.student_number, s.first_name, s.last_name, s.class_name, s.archived_at, s.look_alike,
              (SELECT COUNT(*) FROM student_guardians sg WHERE sg.student_id = s.id) AS guardians,
              (SELECT COUNT(*) FROM face_templates t WHERE t.student_id = s.id) AS templates
         FROM students s
        WHERE (? = 1 OR s.archived_at IS NULL)
          AND (? = '' OR lower(s.student_number) LIKE ? ESCAPE '\\' OR lower(s.first_name || ' ' || s.last_name) LIKE ? ESCAPE '\\'
               OR lower(s.class_name) LIKE ? ESCAPE '\\')
        ORDER BY s.class_name, s.last_name, s.first_name`,
    )
    .all(opts.includeArchived ? 1 : 0, q, like, like, like) as SummaryRow[];
  const consent = db.prepare('SELECT kind, given_by_role AS givenByRole FROM consent_events WHERE student_id = ? ORDER BY id');
  return rows.map((r) => ({
    id: r.id,
    studentNumber: r.student_number,
    firstName: r.first_name,
    lastName: r.last_name,
    className: r.class_name,
    archived: r.archived_at !== null,
    guardians: r.guardians,
    templates: r.templates,
    consent: consentStatusOf(consent.all(r.id) as Array<{ kind: 'granted' | 'withdrawn'; givenByRole: 'guardian' | 'student' | 'staff' }>, policy).state,
    lookAlike: r.look_alike === 1,
  }));
}

export function listClasses(db: Db): string[] {
  return (db.prepare("SELECT DISTINCT class_name FROM students WHERE archived_at IS NULL AND class_name <> '' ORDER BY class_name").all() as Array<{ class_name: string }>).map((r) => r.class_name);
}

export function guardiansOf(db: Db, studentId: number): GuardianView[] {
  const rows = db
    .prepare(
      `SELECT g.id, g.name, g.phone_e164, g.do_not_contact, g.notify
         FROM student_guardians sg JOIN guardians g ON g.id = sg.guardian_id
        WHERE sg.student_id = ? ORDER BY sg.priority, g.id`,
    )
    .all(studentId) as Array<{ id: number; name: string; phone_e164: string; do_not_contact: number; notify: string }>;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    phoneE164: r.phone_e164,
    doNotContact: r.do_not_contact === 1,
    notify: parseNotify(r.notify),
    alsoGuardianOf: studentsOfGuardian(db, r.id, studentId),
  }));
}

export type SaveStudent = { ok: true; studentId: number; created: boolean } | { ok: false; errors: FieldError[] };

/**
 * What one guardian row of the page does (see shared-guardians.ts): edit a guardian this student
 * already has, link an existing guardian unchanged (only ever adding "do not contact"), or add a new one.
 */
type GuardianPlan =
  | { kind: 'edit'; id: number; input: GuardianInput; phoneE164: string; before: { phoneE164: string; notify: MessageType[] } }
  | { kind: 'link'; id: number; input: GuardianInput; setDoNotContact: boolean }
  | { kind: 'new'; input: GuardianInput; phoneE164: string };

const WITHDRAWN_DNC = 'not sent: the guardian was marked do not contact';
const WITHDRAWN_TYPE = 'not sent: the guardian no longer gets this kind of text';
const WITHDRAWN_REMOVED = 'not sent: no longer a guardian of this student';

/** Checks everything first; writes nothing unless the whole record is right. */
export function saveStudent(db: Db, input: StudentInput, country: string, now: Date, hash: (pin: string) => string = hashPin): SaveStudent {
  const errors: FieldError[] = [];
  if (!STUDENT_NUMBER.test(input.studentNumber)) errors.push({ field: 'studentNumber', message: 'Student number must be 1-32 letters, digits, - or _' });
  if (!input.firstName) errors.push({ field: 'firstName', message: 'Enter the first name' });
  if (!input.lastName) errors.push({ field: 'lastName', message: 'Enter the last name' });
  const clash = db.prepare('SELECT id FROM students WHERE student_number = ?').get(input.studentNumber) as { id: number } | undefined;
  if (clash && clash.id !== input.id) errors.push({ field: 'studentNumber', message: `Student number ${input.studentNumber} already belongs to another student` });
  if (input.id !== undefined && !db.prepare('SELECT 1 FROM students WHERE id = ?').get(input.id)) {
    errors.push({ field: 'id', message: 'This student no longer exists' });
  }
  const current = input.id === undefined ? [] : guardiansOf(db, input.id);
  const phones = new Set<string>();
  const targets = new Set<number>();
  const plans = input.guardians.map((g, i): GuardianPlan | null => {
    const field = `guardians.${i}.phone`;
    const phone = normaliseMobile(g.phone, country);
    if (!phone.ok) {
      errors.push({ field, message: `Phone ${phone.reason}` });
      return null;
    }
    if (phones.has(phone.e164)) errors.push({ field, message: 'The same phone number is listed twice' });
    phones.add(phone.e164);
    const holder = guardianByPhone(db, phone.e164);
    const own = current.find((c) => c.id === g.guardianId) ?? current.find((c) => c.phoneE164 === phone.e164);
    let plan: GuardianPlan;
    if (own) {
      if (holder && holder.id !== own.id) {
        errors.push({ field, message: numberBelongsTo(holder) });
        return null;
      }
      plan = { kind: 'edit', id: own.id, input: g, phoneE164: phone.e164, before: { phoneE164: own.phoneE164, notify: own.notify } };
    } else if (holder) {
      if (!sameName(holder.name, g.name)) {
        errors.push({ field, message: `${numberBelongsTo(holder)}. Check the number, or type their name as it is to add them here` });
        return null;
      }
      plan = { kind: 'link', id: holder.id, input: g, setDoNotContact: g.doNotContact && !holder.doNotContact };
    } else {
      return { kind: 'new', input: g, phoneE164: phone.e164 };
    }
    if (targets.has(plan.id)) errors.push({ field: `guardians.${i}.name`, message: 'This guardian is listed twice' });
    targets.add(plan.id);
    return plan;
  });
  if (input.guardians.length === 0) errors.push({ field: 'guardians', message: 'Add at least one guardian' });
  if (errors.length) return { ok: false, errors };

  const pinHash = input.pin ? hash(input.pin) : null;
  const at = now.toISOString();
  return db.transaction((): SaveStudent => {
    let studentId: number;
    if (input.id === undefined) {
      studentId = Number(
        db
          .prepare('INSERT INTO students (student_number, first_name, last_name, class_name, pin_hash, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
          .run(input.studentNumber, input.firstName, input.lastName, input.className, pinHash, at, at).lastInsertRowid,
      );
    } else {
      studentId = input.id;
      db.prepare('UPDATE students SET student_number = ?, first_name = ?, last_name = ?, class_name = ?, updated_at = ? WHERE id = ?').run(
        input.studentNumber, input.firstName, input.lastName, input.className, at, studentId,
      );
      if (pinHash) db.prepare('UPDATE students SET pin_hash = ? WHERE id = ?').run(pinHash, studentId);
    }
    db.prepare('DELETE FROM student_guardians WHERE student_id = ?').run(studentId);
    plans.forEach((plan, i) => {
      const p = plan!;
      let guardianId: number;
      switch (p.kind) {
        case 'edit': {
          guardianId = p.id;
          const g = p.input;
          db.prepare('UPDATE guardians SET name = ?, phone_e164 = ?, do_not_contact = ?, notify = ?, updated_at = ? WHERE id = ?').run(
            g.name, p.phoneE164, g.doNotContact ? 1 : 0, formatNotify(g.notify), at, guardianId,
          );
          // Siblings share this record, so the new number reaches them too, including texts already waiting.
          if (p.phoneE164 !== p.before.phoneE164) readdressQueued(db, guardianId, p.phoneE164, now);
          if (g.doNotContact) withdrawQueued(db, guardianId, WITHDRAWN_DNC, now);
          else withdrawQueued(db, guardianId, WITHDRAWN_TYPE, now, { types: p.before.notify.filter((t) => !g.notify.includes(t)) });
          break;
        }
        case 'link':
          guardianId = p.id;
          if (p.setDoNotContact) {
            db.prepare('UPDATE guardians SET do_not_contact = 1, updated_at = ? WHERE id = ?').run(at, guardianId);
            withdrawQueued(db, guardianId, WITHDRAWN_DNC, now);
          }
          break;
        case 'new':
          guardianId = Number(
            db
              .prepare('INSERT INTO guardians (name, phone_e164, do_not_contact, notify, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)')
              .run(p.input.name, p.phoneE164, p.input.doNotContact ? 1 : 0, formatNotify(p.input.notify), at, at).lastInsertRowid,
          );
          break;
      }
      db.prepare('INSERT INTO student_guardians (student_id, guardian_id, priority) VALUES (?, ?, ?)').run(studentId, guardianId, i + 1);
    });
    const kept = new Set(plans.map((p) => (p!.kind === 'new' ? -1 : p!.id)));
    for (const old of current) if (!kept.has(old.id)) withdrawQueued(db, old.id, WITHDRAWN_REMOVED, now, { studentId });
    return { ok: true, studentId, created: input.id === undefined };
  })();
}

export function setArchived(db: Db, studentId: number, archived: boolean, now: Date): boolean {
  const at = now.toISOString();
  return db.transaction(() => {
    const changed = db.prepare('UPDATE students SET archived_at = ?, updated_at = ? WHERE id = ?').run(archived ? at : null, at, studentId).changes > 0;
    // A student who has left is not "not at school": the day's notices not yet sent are withdrawn.
    if (changed && archived) withdrawAllNotices(db, { studentId, reason: 'the student was archived', now });
    return changed;
  })();
}
