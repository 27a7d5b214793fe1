// Face templates: only vectors are kept, never photos. Each records the model that made it, and the
// gallery only ever compares vectors of one model (a model change means re-enrolment). Vectors are
// sealed with the template key before they are written and opened only in memory for the gallery.
import type { Db } from '../db/open.js';
import type { GalleryEntry } from './matcher.js';
import { blobToVector, l2normalise, vectorToBlob } from './vectors.js';
import { TemplateKeyError, type TemplateCipher } from './template-cipher.js';
import { hasCurrentConsentSql } from '../privacy/consent-state.js';

export interface NewTemplate {
  studentId: number;
  modelId: string;
  embedding: ArrayLike<number>;
  quality: number;
  /** Where it came from, e.g. "photo" or "kiosk"; never a file path or name. */
  source: string;
}

/** Adds a template; the same vector for the same student and model is stored once (re-imports). */
export function addTemplate(db: Db, cipher: TemplateCipher, t: NewTemplate, now: Date): { inserted: boolean } {
  const blob = vectorToBlob(l2normalise(t.embedding));
  const r = db
    .prepare(
      `INSERT OR IGNORE INTO face_templates (student_id, model_id, vector, quality, source, source_hash, created_at, sealed)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)`,
    )
    .run(t.studentId, t.modelId, cipher.seal(blob, t.studentId, t.modelId), t.quality, t.source, cipher.fingerprint(blob), now.toISOString());
  return { inserted: r.changes > 0 };
}

/**
 * The students the kiosk may recognise: not archived, with a current consent (a signed form where the
 * region requires one) and templates of this model. Everyone else checks in by card or PIN.
 */
export function loadGallery(
  db: Db,
  cipher: TemplateCipher,
  modelId: string,
  opts: { signedFormRequired: boolean; onUnreadable?: (studentId: number) => void },
): GalleryEntry[] {
  const rows = db
    .prepare(
      `SELECT t.student_id AS studentId, t.vector AS vector, s.look_alike AS lookAlike
         FROM face_templates t JOIN students s ON s.id = t.student_id
        WHERE t.model_id = ? AND t.sealed = 1 AND s.archived_at IS NULL AND ${hasCurrentConsentSql(opts)}
        ORDER BY t.student_id, t.id`,
    )
    .all(modelId) as Array<{ studentId: number; vector: Buffer; lookAlike: number }>;
  const byStudent = new Map<number, GalleryEntry>();
  for (const r of rows) {
    let vector: Float32Array;
    try {
      vector = blobToVector(cipher.open(r.vector, r.studentId, modelId));
    } catch (e) {
      // One altered or moved row must not stop face check-in for the whole school; that student uses card or PIN.
      if (!(e instanceof TemplateKeyError)) throw e;
      opts.onUnreadable?.(r.studentId);
      continue;
    }
    let entry = byStudent.get(r.studentId);
    if (!entry) byStudent.set(r.studentId, (entry = { studentId: r.studentId, templates: [], lookAlike: r.lookAlike === 1 }));
    entry.templates.push(vector);
  }
  return [...byStudent.values()];
}

export function countTemplates(db: Db, studentId: number, modelId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM face_templates WHERE student_id = ? AND model_id = ?').get(studentId, modelId) as { n: number }).n;
}

/**
 * Called on a match, so the retention job can delete templates nobody has used for a long time. Retention
 * counts days, so a student lingering in front of the kiosk costs at most one write an hour.
 */
export function markTemplatesUsed(db: Db, studentId: number, modelId: string, now: Date): void {
  db.prepare('UPDATE face_templates SET last_used_at = ? WHERE student_id = ? AND model_id = ? AND (last_used_at IS NULL OR last_used_at < ?)')
    .run(now.toISOString(), studentId, modelId, new Date(now.getTime() - 3_600_000).toISOString());
}

/**
 * Run at start-up, before anything reads templates: refuses a key that does not open the stored
 * templates (a wrong or replaced key would otherwise look like "nobody is enrolled"), then seals rows
 * written in plaintext by an older version. secure_delete (set on every connection) and a truncating
 * checkpoint make sure the plaintext does not linger in free pages or the WAL.
 */
export function sealStoredTemplates(db: Db, cipher: TemplateCipher): { sealed: number } {
  const probe = db.prepare('SELECT student_id, model_id, vector FROM face_templates WHERE sealed = 1 LIMIT 1').get() as
    | { student_id: number; model_id: string; vector: Buffer }
    | undefined;
  if (probe) {
    try {
      cipher.open(probe.vector, probe.student_id, probe.model_id);
    } catch (e) {
      if (e instanceof TemplateKeyError) {
        throw new TemplateKeyError('The template key does not open the face templates in this database; use the key this database was sealed with');
      }
      throw e;
    }
  }
  const plain = db.prepare('SELECT id, student_id, model_id, vector FROM face_templates WHERE sealed = 0').all() as Array<{
    id: number;
    student_id: number;
    model_id: string;
    vector: Buffer;
  }>;
  if (plain.length === 0) return { sealed: 0 };
  const update = db.prepare('UPDATE face_templates SET vector = ?, source_hash = ?, sealed = 1 WHERE id = ?');
  db.transaction(() => {
    for (const r of plain) update.run(cipher.seal(r.vector, r.student_id, r.model_id), cipher.fingerprint(r.vector), r.id);
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  return { sealed: plain.length };
}

/** Destroys every template of a student (consent withdrawn, archived): the face is forgotten at once. */
export function deleteTemplates(db: Db, studentId: number): number {
  return db.prepare('DELETE FROM face_templates WHERE student_id = ?').run(studentId).changes;
}
