// The daily retention job: biometric data is kept only while it has a purpose. Templates go when
// consent is withdrawn, when the student is archived (left or graduated), and when nobody has matched
// them for privacy.templateUnusedDays; photos go when their period ends, or at once when keeping them
// is switched off. Every template deletion goes through the erasure ledger, so restores honour it.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ErasureLedger, ErasureReason } from './erasure-ledger.js';
import { eraseBiometrics } from './erasure.js';
import { withdrawnStudentIds } from './consent-state.js';
import { purgePhotos } from './photo-store.js';

const DAY_MS = 86_400_000;

export interface RetentionSummary {
  ranAt: string;
  templatesDeleted: { withdrawn: number; archived: number; unused: number };
  studentsErased: number;
  photosDeleted: { enrolment: number; evidence: number };
}

export interface RetentionDeps {
  config: () => Config;
  dataDir: string;
  ledger: ErasureLedger;
  audit?: (db: Db) => AuditLog;
  /** The check-in gallery caches templates; it must drop them when any are deleted. */
  onTemplatesDeleted?: () => void;
}

export type RetentionJob = (db: Db, now: Date) => RetentionSummary;

export function createRetentionJob(deps: RetentionDeps): RetentionJob {
  return (db, now) => {
    const privacy = deps.config().privacy;
    const audit = deps.audit?.(db);
    const summary: RetentionSummary = {
      ranAt: now.toISOString(),
      templatesDeleted: { withdrawn: 0, archived: 0, unused: 0 },
      studentsErased: 0,
      photosDeleted: { enrolment: 0, evidence: 0 },
    };
    const erase = (studentId: number, reason: Exclude<ErasureReason, 'request'>, fingerprints?: string[]) => {
      const r = eraseBiometrics({ db, ledger: deps.ledger, dataDir: deps.dataDir, audit }, { studentId, reason, requestedBy: 'retention', now, fingerprints });
      summary.templatesDeleted[reason] += r.templatesDeleted;
      summary.studentsErased++;
    };
    const withTemplates = new Set(db.prepare('SELECT DISTINCT student_id FROM face_templates').pluck().all() as number[]);

    for (const id of withdrawnStudentIds(db)) {
      if (withTemplates.delete(id)) erase(id, 'withdrawn');
    }
    for (const id of db.prepare('SELECT id FROM students WHERE archived_at IS NOT NULL').pluck().all() as number[]) {
      if (withTemplates.delete(id)) erase(id, 'archived');
    }
    const cutoff = new Date(now.getTime() - privacy.templateUnusedDays * DAY_MS).toISOString();
    const stale = db
      .prepare('SELECT student_id, source_hash FROM face_templates WHERE COALESCE(last_used_at, created_at) < ? ORDER BY student_id, id')
      .all(cutoff) as Array<{ student_id: number; source_hash: string }>;
    const staleByStudent = new Map<number, string[]>();
    for (const r of stale) {
      if (!withTemplates.has(r.student_id)) continue;
      staleByStudent.set(r.student_id, [...(staleByStudent.get(r.student_id) ?? []), r.source_hash]);
    }
    for (const [id, fingerprints] of staleByStudent) erase(id, 'unused', fingerprints);

    const keepEnrolment = privacy.keepEnrolmentPhotosDays;
    summary.photosDeleted.enrolment = purgePhotos(deps.dataDir, 'enrolment', keepEnrolment === null ? null : new Date(now.getTime() - keepEnrolment * DAY_MS));
    const evidence = privacy.evidencePhotos;
    summary.photosDeleted.evidence = purgePhotos(deps.dataDir, 'evidence', evidence.enabled ? new Date(now.getTime() - evidence.keepDays * DAY_MS) : null);

    if (summary.studentsErased > 0) deps.onTemplatesDeleted?.();
    return summary;
  };
}
