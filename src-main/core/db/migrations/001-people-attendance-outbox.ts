import type { Migration } from './types.js';

export const peopleAttendanceOutbox: Migration = {
  version: 1,
  name: 'people, templates, attendance, outbox',
  sql: `
    CREATE TABLE students (
      id             INTEGER PRIMARY KEY,
      student_number TEXT NOT NULL UNIQUE,
      first_name     TEXT NOT NULL,
      last_name      TEXT NOT NULL,
      class_name     TEXT NOT NULL DEFAULT '',
      pin_hash       TEXT,
      archived_at    TEXT,
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL
    );
    CREATE TABLE guardians (
      id             INTEGER PRIMARY KEY,
      name           TEXT NOT NULL,
      phone_e164     TEXT NOT NULL UNIQUE,
      do_not_contact INTEGER NOT NULL DEFAULT 0,
      created_at     TEXT NOT NULL,
      updated_at     TEXT NOT NULL
    );
    CREATE TABLE student_guardians (
      student_id  INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
      guardian_id INTEGER NOT NULL REFERENCES guardians(id) ON DELETE CASCADE,
      priority    INTEGER NOT NULL DEFAULT 1,
      PRIMARY KEY (student_id, guardian_id)
    );
    CREATE TABLE face_templates (
      id          INTEGER PRIMARY KEY,
      student_id  INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
      model_id    TEXT NOT NULL,
      vector      BLOB NOT NULL,
      quality     REAL NOT NULL,
      source      TEXT NOT NULL,
      source_hash TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      UNIQUE (student_id, model_id, source_hash)
    );
    CREATE INDEX face_templates_model ON face_templates(model_id);
    CREATE TABLE attendance (
      id           INTEGER PRIMARY KEY,
      student_id   INTEGER NOT NULL REFERENCES students(id),
      occurred_at  TEXT NOT NULL,
      local_date   TEXT NOT NULL,
      local_time   TEXT NOT NULL,
      session      TEXT NOT NULL,
      kind         TEXT NOT NULL CHECK (kind IN ('check_in', 'check_out')),
      status       TEXT NOT NULL CHECK (status IN ('on_time', 'late')),
      minutes_late INTEGER NOT NULL DEFAULT 0,
      method       TEXT NOT NULL CHECK (method IN ('face', 'qr', 'pin', 'manual')),
      score        REAL,
      created_at   TEXT NOT NULL
    );
    CREATE UNIQUE INDEX attendance_once_per_session ON attendance(student_id, local_date, session, kind);
    CREATE INDEX attendance_by_date ON attendance(local_date);
    CREATE TABLE sms_outbox (
      id              INTEGER PRIMARY KEY,
      idempotency_key TEXT NOT NULL UNIQUE,
      message_id      TEXT NOT NULL UNIQUE,
      type            TEXT NOT NULL,
      student_id      INTEGER REFERENCES students(id),
      guardian_id     INTEGER REFERENCES guardians(id),
      attendance_id   INTEGER REFERENCES attendance(id),
      phone_e164      TEXT NOT NULL,
      body            TEXT NOT NULL,
      priority        INTEGER NOT NULL DEFAULT 0,
      state           TEXT NOT NULL DEFAULT 'queued'
                      CHECK (state IN ('queued', 'sending', 'accepted', 'sent', 'delivered', 'failed', 'expired')),
      attempts        INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      expires_at      TEXT NOT NULL,
      last_error      TEXT,
      created_at      TEXT NOT NULL,
      updated_at      TEXT NOT NULL
    );
    CREATE INDEX sms_outbox_due ON sms_outbox(state, next_attempt_at);
    CREATE TABLE recognition_events (
      id          INTEGER PRIMARY KEY,
      occurred_at TEXT NOT NULL,
      outcome     TEXT NOT NULL,
      best_score  REAL,
      margin      REAL
    );
  `,
};
