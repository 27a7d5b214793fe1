// Whether a student's face may be used right now: their latest consent event is a grant (any
// withdrawal or objection after it wins), and where the region demands a signed written release,
// that grant was a signed form.
import type { Db } from '../db/open.js';

/** SQL condition on a students alias `s`: true when face mode may be used for that student. */
export function hasCurrentConsentSql(opts: { signedFormRequired: boolean }): string {
  return `EXISTS (
    SELECT 1 FROM consent_events c
     WHERE c.student_id = s.id
       AND c.id = (SELECT MAX(c2.id) FROM consent_events c2 WHERE c2.student_id = s.id)
       AND c.kind = 'granted'${opts.signedFormRequired ? " AND c.method = 'signed_form'" : ''})`;
}

export function hasCurrentConsent(db: Db, studentId: number, opts: { signedFormRequired: boolean }): boolean {
  return db.prepare(`SELECT ${hasCurrentConsentSql(opts)} AS ok FROM students s WHERE s.id = ?`).pluck().get(studentId) === 1;
}

/** Students whose latest consent event is a withdrawal: their templates must go. */
export function withdrawnStudentIds(db: Db): number[] {
  return db
    .prepare(
      `SELECT c.student_id FROM consent_events c
        WHERE c.id = (SELECT MAX(c2.id) FROM consent_events c2 WHERE c2.student_id = c.student_id) AND c.kind = 'withdrawn'`,
    )
    .pluck()
    .all() as number[];
}
