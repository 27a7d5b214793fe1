import type { Migration } from './types.js';

/**
 * The audit log is append-only and hash-chained (each row's hash covers the previous row's hash), so a
 * removed or edited row is detectable. Consent history is append-only too: withdrawal is a new row.
 */
export const auditConsent: Migration = {
  version: 2,
  name: 'audit log, consent history',
  sql: `
    CREATE TABLE audit_log (
      seq         INTEGER PRIMARY KEY,
      occurred_at TEXT NOT NULL,
      actor       TEXT NOT NULL,
      action      TEXT NOT NULL,
      subject     TEXT NOT NULL DEFAULT '',
      details     TEXT NOT NULL DEFAULT '{}',
      prev_hash   TEXT NOT NULL,
      hash        TEXT NOT NULL UNIQUE
    );
    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

    CREATE TABLE consent_events (
      id             INTEGER PRIMARY KEY,
      student_id     INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
      kind           TEXT NOT NULL CHECK (kind IN ('granted', 'withdrawn')),
      given_by       TEXT NOT NULL,
      given_by_role  TEXT NOT NULL CHECK (given_by_role IN ('guardian', 'student', 'staff')),
      method         TEXT NOT NULL CHECK (method IN ('signed_form', 'staff_attestation')),
      notice_version TEXT NOT NULL,
      occurred_at    TEXT NOT NULL,
      recorded_by    TEXT NOT NULL,
      note           TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX consent_events_student ON consent_events(student_id, id);
    CREATE TRIGGER consent_events_no_update BEFORE UPDATE ON consent_events
      BEGIN SELECT RAISE(ABORT, 'consent history is append-only'); END;
  `,
};
