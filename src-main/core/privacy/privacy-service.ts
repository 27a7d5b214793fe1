// The privacy capability composed for the core: its contract handlers, the daily retention job body,
// and the hook a backup restore must call. Start-up re-applies the erasure ledger, so a database copied
// back by hand is treated like a restore.
import { join } from 'node:path';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { AuditLog } from '../audit/audit-log.js';
import { createAuditLog } from '../audit/audit-log.js';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../log.js';
import { findStudentByNumber } from '../people/students.js';
import type { ErasureReceipt, PrivacyStatus, ResponseOf, ValidRequestOf } from '../../../src-preload/contract.js';
import { regionRules } from './regions.js';
import { createErasureLedger, type ErasureRecord } from './erasure-ledger.js';
import { eraseBiometrics, listErasures, reapplyErasures, type ReapplySummary } from './erasure.js';
import { renderErasureReceipt } from './erasure-receipt.js';
import { buildAccessExport, renderAccessExport, UnknownStudentError } from './access-export.js';
import { renderPrivacyPack } from './privacy-pack.js';
import { createRetentionJob, type RetentionJob } from './retention.js';
import { listSetAsideCopies, pruneSetAsideCopies, scrubSetAsideCopies } from './set-aside-copies.js';

export { UnknownStudentError };

export interface PrivacyServiceDeps {
  db: Db;
  config: () => Config;
  dataDir: string;
  clock: Clock;
  log: Logger;
  audit: AuditLog;
  templateKeySource: string;
  /** Templates were deleted: the check-in gallery must reload. */
  onTemplatesDeleted: () => void;
}

export function erasureLedgerFile(dataDir: string): string {
  return join(dataDir, 'erasures.jsonl');
}

export function createPrivacyService(deps: PrivacyServiceDeps) {
  const { db, clock } = deps;
  const ledger = createErasureLedger(erasureLedgerFile(deps.dataDir));

  const receipt = (r: ErasureRecord): ErasureReceipt => ({
    erasureId: r.erasureId,
    studentNumber: r.studentNumber,
    reason: r.reason,
    requestedBy: r.requestedBy,
    occurredAt: r.occurredAt,
    templatesDeleted: r.templatesDeleted,
    photosDeleted: r.photosDeleted,
    html: renderErasureReceipt(r, { name: deps.config().school.name, timezone: deps.config().school.timezone, setAsideDays: deps.config().backup.setAsideDays }),
  });

  /**
   * The set-aside copies (restore safety copies, quarantined and rejected databases) get every erasure
   * too, and go once backup.setAsideDays have passed, so a receipt's "deleted" holds for the whole data folder.
   */
  const sweepSetAsideCopies = (): void => {
    try {
      const copies = listSetAsideCopies(deps.dataDir);
      const pruned = pruneSetAsideCopies(copies, clock.now(), deps.config().backup.setAsideDays);
      const s = scrubSetAsideCopies(copies.filter((c) => !pruned.includes(c)), ledger, deps.log);
      if (pruned.length > 0 || s.templatesDeleted > 0) deps.log.info('set-aside database copies swept', { pruned: pruned.length, cleaned: s.copies, templatesDeleted: s.templatesDeleted, notCleaned: s.notCleaned.length });
    } catch (e) {
      deps.log.error('set-aside database copies could not be swept', { error: (e as { code?: string }).code ?? (e as Error).message });
    }
  };

  const dailyRetention: RetentionJob = createRetentionJob({
    config: deps.config,
    dataDir: deps.dataDir,
    ledger,
    audit: (jobDb) => (jobDb === db ? deps.audit : createAuditLog(jobDb, clock)),
    onTemplatesDeleted: deps.onTemplatesDeleted,
  });
  const retentionJob: RetentionJob = (jobDb, now) => {
    const summary = dailyRetention(jobDb, now);
    sweepSetAsideCopies();
    return summary;
  };

  /** The backup's afterRestore hook: re-applies every deletion recorded after the backup was taken. */
  const afterRestore = (restored: Db): ReapplySummary => {
    const summary = reapplyErasures(restored, ledger);
    if (summary.templatesDeleted > 0) deps.onTemplatesDeleted();
    deps.log.info('erasures re-applied after restore', { ...summary });
    sweepSetAsideCopies();
    return summary;
  };

  /**
   * Erases one student's biometric data now (templates and photos) with a ledger record and receipt.
   * Consent withdrawal and objection should call this at once rather than wait for the daily job.
   */
  const eraseStudent = (studentId: number, reason: ErasureRecord['reason'], requestedBy: string): ErasureReceipt => {
    const r = eraseBiometrics({ db, ledger, dataDir: deps.dataDir, audit: deps.audit }, { studentId, reason, requestedBy, now: clock.now() });
    deps.onTemplatesDeleted();
    sweepSetAsideCopies();
    return receipt(r);
  };

  const handlers = {
    'privacy:status': (): PrivacyStatus => {
      const cfg = deps.config();
      const region = regionRules(cfg.privacy.region);
      return {
        region: cfg.privacy.region,
        regionName: region.name,
        law: region.law,
        faceRecognition: cfg.kiosk.faceRecognition,
        faceRecognitionAllowed: !region.faceBarred,
        dpiaRequired: region.dpiaRequired,
        dpia: cfg.privacy.dpia,
        signedReleaseRequired: region.signedReleaseRequired,
        templateUnusedDays: cfg.privacy.templateUnusedDays,
        keepEnrolmentPhotosDays: cfg.privacy.keepEnrolmentPhotosDays,
        evidencePhotos: cfg.privacy.evidencePhotos,
        templateKeySource: deps.templateKeySource,
        studentsWithTemplates: db.prepare('SELECT COUNT(DISTINCT student_id) FROM face_templates').pluck().get() as number,
        erasuresRecorded: db.prepare('SELECT COUNT(*) FROM biometric_erasures').pluck().get() as number,
      };
    },
    'privacy:delete-biometrics': (req: ValidRequestOf<'privacy:delete-biometrics'>): ErasureReceipt => {
      const student = findStudentByNumber(db, req.studentNumber);
      if (!student) throw new UnknownStudentError(`No student ${req.studentNumber}`);
      return eraseStudent(student.id, 'request', req.requestedBy);
    },
    'privacy:erasure-receipt': (req: ValidRequestOf<'privacy:erasure-receipt'>): ErasureReceipt => {
      const r = listErasures(db).find((e) => e.erasureId === req.erasureId);
      if (!r) throw new Error(`No erasure ${req.erasureId}`);
      return receipt(r);
    },
    'privacy:access-export': (req: ValidRequestOf<'privacy:access-export'>): ResponseOf<'privacy:access-export'> => {
      const cfg = deps.config();
      const x = buildAccessExport(db, req.studentNumber, { school: cfg.school.name, now: clock.now() });
      deps.audit.append({ actor: 'office', action: 'privacy.access-export', subject: `student:${req.studentNumber}` });
      return { export: x, html: renderAccessExport(x, cfg.school.timezone) };
    },
    'privacy:pack': () => ({ html: renderPrivacyPack(deps.config(), clock.now()) }),
  };

  return {
    handlers,
    ledger,
    eraseStudent,
    retentionJob,
    afterRestore,
    /** Runs before the kiosk serves: a hand-restored database gets its deletions back. */
    start(): void {
      const s = reapplyErasures(db, ledger);
      if (s.templatesDeleted > 0) {
        deps.onTemplatesDeleted();
        deps.log.warn('erasures re-applied at start (the database was older than the erasure ledger)', { ...s });
      }
      sweepSetAsideCopies();
    },
  };
}

export type PrivacyService = ReturnType<typeof createPrivacyService>;
