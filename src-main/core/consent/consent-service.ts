// Recording and withdrawing face-enrolment consent. Withdrawal is one step that cannot half-happen:
// the withdrawal row, the destruction of every template and the audit entry land in one transaction,
// and the kiosk's gallery is dropped at once, so the next look at the camera no longer recognises them.
import type { ConsentRecordInput, ConsentStatus, ConsentWithdrawInput } from '../../../src-preload/contract/people.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';
import { deleteTemplates } from '../recognition/templates.js';
import { findStudentById } from '../people/students.js';
import { appendConsentEvent, consentStatus, type ConsentPolicy } from './consent-ledger.js';

export interface ConsentServiceDeps {
  db: Db;
  clock: Clock;
  audit: AuditLog;
  settings: () => ConsentPolicy & { noticeVersion: string };
  onGalleryChanged: () => void;
  /** After a withdrawal commits: records it in the erasure ledger, so a restored older backup forgets the face again. */
  afterWithdrawal?: (studentId: number, actor: string) => void;
}

export class ConsentError extends Error {}

export function createConsentService(deps: ConsentServiceDeps) {
  const { db, clock, audit } = deps;

  function studentOrThrow(id: number) {
    const s = findStudentById(db, id);
    if (!s) throw new ConsentError('This student no longer exists');
    return s;
  }

  return {
    status(studentId: number): ConsentStatus {
      return consentStatus(db, studentId, deps.settings());
    },

    record(input: ConsentRecordInput, actor: string): ConsentStatus {
      const s = studentOrThrow(input.studentId);
      const cfg = deps.settings();
      const now = clock.now();
      const givenAt = input.givenAt ? new Date(input.givenAt) : now;
      if (givenAt.getTime() > now.getTime() + 60_000) throw new ConsentError('Consent cannot be dated in the future');
      db.transaction(() => {
        appendConsentEvent(db, {
          studentId: s.id,
          kind: 'granted',
          givenBy: input.givenBy,
          givenByRole: input.givenByRole,
          method: input.method,
          noticeVersion: input.noticeVersion || cfg.noticeVersion,
          occurredAt: givenAt,
          recordedBy: actor,
          note: input.note,
        });
        audit.append({
          actor,
          action: 'consent.grant',
          subject: `student:${s.studentNumber}`,
          details: { role: input.givenByRole, method: input.method, noticeVersion: input.noticeVersion || cfg.noticeVersion },
        });
      })();
      return consentStatus(db, s.id, cfg);
    },

    withdraw(input: ConsentWithdrawInput, actor: string): { templatesDeleted: number; status: ConsentStatus } {
      const s = studentOrThrow(input.studentId);
      const cfg = deps.settings();
      const templatesDeleted = db.transaction(() => {
        appendConsentEvent(db, {
          studentId: s.id,
          kind: 'withdrawn',
          givenBy: input.givenBy,
          givenByRole: input.givenByRole,
          method: 'staff_attestation',
          noticeVersion: cfg.noticeVersion,
          occurredAt: clock.now(),
          recordedBy: actor,
          note: input.note,
        });
        const deleted = deleteTemplates(db, s.id);
        audit.append({ actor, action: 'consent.withdraw', subject: `student:${s.studentNumber}`, details: { role: input.givenByRole, templatesDeleted: deleted } });
        return deleted;
      })();
      deps.afterWithdrawal?.(s.id, actor);
      deps.onGalleryChanged();
      return { templatesDeleted, status: consentStatus(db, s.id, cfg) };
    },
  };
}

export type ConsentService = ReturnType<typeof createConsentService>;
