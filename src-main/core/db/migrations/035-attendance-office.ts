import type { Migration } from './types.js';

/**
 * What the front office adds to attendance without rewriting it. A kiosk row is evidence and is never
 * updated: a correction is a new row pointing at it (the newest wins), a manual entry's reason sits
 * beside it, and excuses are their own rows. Rows here are never updated either; they may only go
 * when their attendance row goes (data retention), hence the cascades and no delete trigger.
 */
export const attendanceOffice: Migration = {
  version: 35,
  name: 'attendance corrections, manual entries, excuses',
  sql: `
    CREATE TRIGGER attendance_no_update BEFORE UPDATE ON attendance
      BEGIN SELECT RAISE(ABORT, 'attendance rows are never updated; add a correction'); END;

    CREATE TABLE attendance_manual (
      attendance_id INTEGER PRIMARY KEY REFERENCES attendance(id) ON DELETE CASCADE,
      reason        TEXT NOT NULL,
      entered_by    TEXT NOT NULL
    );
    CREATE TRIGGER attendance_manual_no_update BEFORE UPDATE ON attendance_manual
      BEGIN SELECT RAISE(ABORT, 'manual entries are never updated; add a correction'); END;

    CREATE TABLE attendance_corrections (
      id            INTEGER PRIMARY KEY,
      attendance_id INTEGER NOT NULL REFERENCES attendance(id) ON DELETE CASCADE,
      action        TEXT NOT NULL CHECK (action IN ('amend', 'void')),
      occurred_at   TEXT NOT NULL,
      local_time    TEXT NOT NULL,
      kind          TEXT NOT NULL CHECK (kind IN ('check_in', 'check_out')),
      status        TEXT NOT NULL CHECK (status IN ('on_time', 'late')),
      minutes_late  INTEGER NOT NULL,
      reason        TEXT NOT NULL,
      actor         TEXT NOT NULL,
      created_at    TEXT NOT NULL
    );
    CREATE INDEX attendance_corrections_by_record ON attendance_corrections(attendance_id, id);
    CREATE TRIGGER attendance_corrections_no_update BEFORE UPDATE ON attendance_corrections
      BEGIN SELECT RAISE(ABORT, 'corrections are never updated; add another'); END;

    CREATE TABLE attendance_excuses (
      id          INTEGER PRIMARY KEY,
      student_id  INTEGER NOT NULL REFERENCES students(id) ON DELETE CASCADE,
      local_date  TEXT NOT NULL,
      session     TEXT NOT NULL,
      kind        TEXT NOT NULL CHECK (kind IN ('absence', 'late')),
      reason      TEXT NOT NULL,
      actor       TEXT NOT NULL,
      created_at  TEXT NOT NULL,
      -- Set on a row that withdraws an earlier excuse; the earlier row stays.
      withdraws   INTEGER REFERENCES attendance_excuses(id) ON DELETE CASCADE
    );
    CREATE INDEX attendance_excuses_by_date ON attendance_excuses(local_date, student_id);
    CREATE TRIGGER attendance_excuses_no_update BEFORE UPDATE ON attendance_excuses
      BEGIN SELECT RAISE(ABORT, 'excuses are never updated; withdraw and add another'); END;

    -- Attendance as it now stands: the newest correction applied, voided records left out.
    CREATE VIEW attendance_effective AS
    SELECT a.id, a.student_id, a.local_date, a.session, a.method, a.score,
           COALESCE(c.occurred_at, a.occurred_at) AS occurred_at,
           COALESCE(c.local_time, a.local_time) AS local_time,
           COALESCE(c.kind, a.kind) AS kind,
           COALESCE(c.status, a.status) AS status,
           COALESCE(c.minutes_late, a.minutes_late) AS minutes_late,
           c.id AS correction_id, c.reason AS correction_reason, m.reason AS manual_reason
      FROM attendance a
      LEFT JOIN attendance_corrections c
        ON c.id = (SELECT MAX(x.id) FROM attendance_corrections x WHERE x.attendance_id = a.id)
      LEFT JOIN attendance_manual m ON m.attendance_id = a.id
     WHERE c.action IS NULL OR c.action = 'amend';

    -- Excuses still standing: not withdrawn by a later row.
    CREATE VIEW attendance_excuses_standing AS
    SELECT e.* FROM attendance_excuses e
     WHERE e.withdraws IS NULL
       AND NOT EXISTS (SELECT 1 FROM attendance_excuses w WHERE w.withdraws = e.id);
  `,
};
