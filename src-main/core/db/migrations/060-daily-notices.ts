import type { Migration } from './types.js';

/**
 * The daily notices the kiosk decided to send: one row per kind, school day and student, written with
 * the student's outbox rows. It is the list of who was reported (absent, or never checked out) and
 * when, kept even for a student with nobody to text, and what makes a notice once per student and
 * day. Whether a student *is* absent is never stored: the board and reports derive that from the
 * records. A notice is withdrawn (once) when the student turns up or is excused before it went out.
 */
export const dailyNotices: Migration = {
  version: 60,
  name: 'daily notices (absence report, no check-out)',
  sql: `
    CREATE TABLE daily_notices (
      kind             TEXT NOT NULL CHECK (kind IN ('absence', 'no_checkout')),
      local_date       TEXT NOT NULL,
      student_id       INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
      session          TEXT NOT NULL,
      decided_at       TEXT NOT NULL,
      texts_queued     INTEGER NOT NULL,
      withdrawn_at     TEXT,
      withdrawn_reason TEXT,
      PRIMARY KEY (kind, local_date, student_id)
    );
    CREATE INDEX daily_notices_by_student ON daily_notices(student_id, local_date);
  `,
};
