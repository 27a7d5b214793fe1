// The consent ledger for face enrolment. History is append-only (a trigger refuses updates): a
// withdrawal is a new row, and consent given after it is another. Enrolment is allowed only while the
// guardian's consent (and the student's, where the school requires it) stands since the last withdrawal.
import type { ConsentEventView, ConsentStatus } from '../../../src-preload/contract/people.js';
import type { Db } from '../db/open.js';

export interface ConsentPolicy {
  requireStudentConsent: boolean;
}

export interface NewConsentEvent {
  studentId: number;
  kind: 'granted' | 'withdrawn';
  givenBy: string;
  givenByRole: 'guardian' | 'student' | 'staff';
  method: 'signed_form' | 'staff_attestation';
  noticeVersion: string;
  occurredAt: Date;
  recordedBy: string;
  note: string;
}

interface Row {
  id: number;
  kind: 'granted' | 'withdrawn';
  given_by: string;
  given_by_role: 'guardian' | 'student' | 'staff';
  method: 'signed_form' | 'staff_attestation';
  notice_version: string;
  occurred_at: string;
  recorded_by: string;
  note: string;
}

export function appendConsentEvent(db: Db, e: NewConsentEvent): number {
  return Number(
    db
      .prepare(
        `INSERT INTO consent_events (student_id, kind, given_by, given_by_role, method, notice_version, occurred_at, recorded_by, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(e.studentId, e.kind, e.givenBy, e.givenByRole, e.method, e.noticeVersion, e.occurredAt.toISOString(), e.recordedBy, e.note)
      .lastInsertRowid,
  );
}

/** The history in the order it was recorded (rowid), which is the order that decides the state. */
export function consentHistory(db: Db, studentId: number): ConsentEventView[] {
  const rows = db.prepare('SELECT * FROM consent_events WHERE student_id = ? ORDER BY id').all(studentId) as Row[];
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    givenBy: r.given_by,
    givenByRole: r.given_by_role,
    method: r.method,
    noticeVersion: r.notice_version,
    occurredAt: r.occurred_at,
    recordedBy: r.recorded_by,
    note: r.note,
  }));
}

/** Pure: the state a history leads to. A withdrawal by anyone cancels every consent before it. */
export function consentStatusOf(history: readonly Pick<ConsentEventView, 'kind' | 'givenByRole'>[], policy: ConsentPolicy): ConsentStatus {
  let guardian = false;
  let student = false;
  let withdrawn = false;
  for (const e of history) {
    if (e.kind === 'withdrawn') {
      guardian = false;
      student = false;
      withdrawn = true;
    } else if (e.givenByRole === 'guardian') guardian = true;
    else if (e.givenByRole === 'student') student = true;
  }
  const missing: string[] = [];
  if (!guardian) missing.push('consent from a guardian');
  if (policy.requireStudentConsent && !student) missing.push('consent from the student');
  const canEnrol = missing.length === 0;
  const state = canEnrol ? 'granted' : withdrawn ? 'withdrawn' : 'none';
  return { state, canEnrol, missing };
}

export function consentStatus(db: Db, studentId: number, policy: ConsentPolicy): ConsentStatus {
  return consentStatusOf(consentHistory(db, studentId), policy);
}
