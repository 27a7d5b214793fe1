// Face templates: only vectors are kept, never photos. Each records the model that made it, and the
// gallery only ever compares vectors of one model (a model change means re-enrolment).
import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import type { GalleryEntry } from './matcher.js';
import { blobToVector, l2normalise, vectorToBlob } from './vectors.js';

export interface NewTemplate {
  studentId: number;
  modelId: string;
  embedding: ArrayLike<number>;
  quality: number;
  /** Where it came from, e.g. "photo" or "kiosk"; never a file path or name. */
  source: string;
}

/** Adds a template; the same vector for the same student and model is stored once (re-imports). */
export function addTemplate(db: Db, t: NewTemplate, now: Date): { inserted: boolean } {
  const vector = l2normalise(t.embedding);
  const blob = vectorToBlob(vector);
  const sourceHash = createHash('sha256').update(blob).digest('hex').slice(0, 32);
  const r = db
    .prepare(
      `INSERT OR IGNORE INTO face_templates (student_id, model_id, vector, quality, source, source_hash, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(t.studentId, t.modelId, blob, t.quality, t.source, sourceHash, now.toISOString());
  return { inserted: r.changes > 0 };
}

export function loadGallery(db: Db, modelId: string): GalleryEntry[] {
  const rows = db
    .prepare(
      `SELECT t.student_id AS studentId, t.vector AS vector, s.look_alike AS lookAlike
         FROM face_templates t JOIN students s ON s.id = t.student_id
        WHERE t.model_id = ? AND s.archived_at IS NULL
        ORDER BY t.student_id, t.id`,
    )
    .all(modelId) as Array<{ studentId: number; vector: Buffer; lookAlike: number }>;
  const byStudent = new Map<number, GalleryEntry>();
  for (const r of rows) {
    let e = byStudent.get(r.studentId);
    if (!e) byStudent.set(r.studentId, (e = { studentId: r.studentId, templates: [], lookAlike: r.lookAlike === 1 }));
    e.templates.push(blobToVector(r.vector));
  }
  return [...byStudent.values()];
}

export function countTemplates(db: Db, studentId: number, modelId: string): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM face_templates WHERE student_id = ? AND model_id = ?').get(studentId, modelId) as { n: number }).n;
}

/** Destroys every template of a student (consent withdrawn, archived): the face is forgotten at once. */
export function deleteTemplates(db: Db, studentId: number): number {
  return db.prepare('DELETE FROM face_templates WHERE student_id = ?').run(studentId).changes;
}
