import type { Migration } from './types.js';

/**
 * Templates are sealed at rest (`sealed` = 1 once the vector column holds AES-GCM ciphertext; older
 * plaintext rows are sealed at start-up) and remember when they last matched, for the retention job.
 * Biometric erasures are recorded append-only here and, outside the database, in <data>/erasures.jsonl,
 * so a restored backup can re-apply deletions made after it was taken.
 */
export const biometricPrivacy: Migration = {
  version: 50,
  name: 'sealed templates, template last use, biometric erasures',
  sql: `
    ALTER TABLE face_templates ADD COLUMN sealed INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE face_templates ADD COLUMN last_used_at TEXT;
    CREATE TABLE biometric_erasures (
      erasure_id        TEXT PRIMARY KEY,
      student_id        INTEGER,
      student_number    TEXT NOT NULL,
      reason            TEXT NOT NULL,
      requested_by      TEXT NOT NULL,
      occurred_at       TEXT NOT NULL,
      templates_deleted INTEGER NOT NULL,
      photos_deleted    INTEGER NOT NULL,
      fingerprints      TEXT
    );
    CREATE INDEX biometric_erasures_student ON biometric_erasures(student_number, occurred_at);
    CREATE TRIGGER biometric_erasures_no_update BEFORE UPDATE ON biometric_erasures
      BEGIN SELECT RAISE(ABORT, 'the erasure ledger is append-only'); END;
    CREATE TRIGGER biometric_erasures_no_delete BEFORE DELETE ON biometric_erasures
      BEGIN SELECT RAISE(ABORT, 'the erasure ledger is append-only'); END;
  `,
};
