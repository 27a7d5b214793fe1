// Deleting a student's biometric data: templates from the live database, photos from the data folder,
// and a record in the erasure ledger written (and fsync'd) before anything is deleted, so a crash
// half-way is finished by the next start and a restored backup has the deletion applied again.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/open.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { ErasureLedger, ErasureReason, ErasureRecord } from './erasure-ledger.js';
import { countStudentPhotos, deleteStudentPhotos } from './photo-store.js';

export interface EraseRequest {
  studentId: number;
  reason: ErasureReason;
  requestedBy: string;
  now: Date;
  /** Only these templates (keyed fingerprints); all of the student's templates when absent. */
  fingerprints?: string[];
}

export interface ErasureDeps {
  db: Db;
  ledger: ErasureLedger;
  dataDir: string;
  audit?: AuditLog;
  newId?: () => string;
}

const insertRecord = (db: Db, r: ErasureRecord) =>
  db
    .prepare(
      `INSERT OR IGNORE INTO biometric_erasures
         (erasure_id, student_id, student_number, reason, requested_by, occurred_at, templates_deleted, photos_deleted, fingerprints)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(r.erasureId, r.studentId, r.studentNumber, r.reason, r.requestedBy, r.occurredAt, r.templatesDeleted, r.photosDeleted,
      r.fingerprints ? JSON.stringify(r.fingerprints) : null);

/** Deletes the templates an erasure covers; returns how many rows went. */
function deleteCovered(db: Db, studentId: number, r: Pick<ErasureRecord, 'occurredAt' | 'fingerprints'>): number {
  if (r.fingerprints) {
    const del = db.prepare('DELETE FROM face_templates WHERE student_id = ? AND source_hash = ?');
    return r.fingerprints.reduce((n, f) => n + del.run(studentId, f).changes, 0);
  }
  return db.prepare('DELETE FROM face_templates WHERE student_id = ? AND created_at <= ?').run(studentId, r.occurredAt).changes;
}

export function eraseBiometrics(deps: ErasureDeps, req: EraseRequest): ErasureRecord {
  const { db } = deps;
  const student = db.prepare('SELECT id, student_number FROM students WHERE id = ?').get(req.studentId) as
    | { id: number; student_number: string }
    | undefined;
  if (!student) throw new Error(`No student with id ${req.studentId}`);
  const occurredAt = req.now.toISOString();
  const scope = { occurredAt, fingerprints: req.fingerprints ?? null };
  const templates = req.fingerprints
    ? req.fingerprints.length
    : (db.prepare('SELECT COUNT(*) FROM face_templates WHERE student_id = ? AND created_at <= ?').pluck().get(student.id, occurredAt) as number);
  const photosDeleted = req.fingerprints ? 0 : countStudentPhotos(deps.dataDir, student.student_number);
  const record: ErasureRecord = {
    erasureId: (deps.newId ?? randomUUID)(),
    studentId: student.id,
    studentNumber: student.student_number,
    reason: req.reason,
    requestedBy: req.requestedBy,
    occurredAt,
    templatesDeleted: templates,
    photosDeleted,
    fingerprints: scope.fingerprints,
  };
  deps.ledger.append(record);
  if (!req.fingerprints) deleteStudentPhotos(deps.dataDir, student.student_number);
  db.transaction(() => {
    record.templatesDeleted = deleteCovered(db, student.id, scope);
    insertRecord(db, record);
    deps.audit?.append({
      actor: req.reason === 'request' ? req.requestedBy : 'retention',
      action: 'biometrics.erase',
      subject: `student:${student.student_number}`,
      details: { erasureId: record.erasureId, reason: req.reason, templatesDeleted: record.templatesDeleted, photosDeleted },
    });
  })();
  // The deleted pages are zeroed by secure_delete; truncating the WAL drops older copies of them.
  db.pragma('wal_checkpoint(TRUNCATE)');
  return record;
}

export interface ReapplySummary {
  erasures: number;
  templatesDeleted: number;
  recordsRestored: number;
}

/**
 * Re-applies every erasure in the ledger file to this database: the afterRestore hook for backups,
 * and run at every start (a database copied back by hand is a restore too). Idempotent.
 */
export function reapplyErasures(db: Db, ledger: ErasureLedger): ReapplySummary {
  const records = ledger.readAll();
  const summary: ReapplySummary = { erasures: records.length, templatesDeleted: 0, recordsRestored: 0 };
  if (records.length === 0) return summary;
  const byNumber = db.prepare('SELECT id FROM students WHERE student_number = ?').pluck();
  db.transaction(() => {
    for (const r of records) {
      summary.recordsRestored += insertRecord(db, r).changes;
      const studentId = byNumber.get(r.studentNumber) as number | undefined;
      if (studentId !== undefined) summary.templatesDeleted += deleteCovered(db, studentId, r);
    }
  })();
  if (summary.templatesDeleted > 0) db.pragma('wal_checkpoint(TRUNCATE)');
  return summary;
}

export function listErasures(db: Db, studentNumber?: string): ErasureRecord[] {
  const rows = db
    .prepare(`SELECT * FROM biometric_erasures ${studentNumber ? 'WHERE student_number = ?' : ''} ORDER BY occurred_at, erasure_id`)
    .all(...(studentNumber ? [studentNumber] : [])) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    erasureId: r.erasure_id as string,
    studentId: r.student_id as number,
    studentNumber: r.student_number as string,
    reason: r.reason as ErasureReason,
    requestedBy: r.requested_by as string,
    occurredAt: r.occurred_at as string,
    templatesDeleted: r.templates_deleted as number,
    photosDeleted: r.photos_deleted as number,
    fingerprints: r.fingerprints ? (JSON.parse(r.fingerprints as string) as string[]) : null,
  }));
}
