import type { Migration } from './types.js';

/**
 * One standing record per student, day, session and kind, judged on attendance as it now stands.
 * The unique index of migration 1 counted removed (voided) records too, so a student whose wrong
 * check-in the office removed could never check in again: the kiosk said "already checked in" and
 * the insert would have failed anyway. A trigger on the effective view keeps the rule for records
 * that stand and lets a removed one make room; the index stays for the kiosk's lookups.
 */
export const attendanceAfterRemoval: Migration = {
  version: 61,
  name: 'one standing attendance record per session and kind',
  sql: `
    DROP INDEX attendance_once_per_session;
    CREATE INDEX attendance_by_student_day ON attendance(student_id, local_date, session, kind);
    CREATE TRIGGER attendance_one_standing_per_session BEFORE INSERT ON attendance
      WHEN EXISTS (SELECT 1 FROM attendance_effective e
                    WHERE e.student_id = NEW.student_id AND e.local_date = NEW.local_date
                      AND e.session = NEW.session AND e.kind = NEW.kind)
      BEGIN SELECT RAISE(ABORT, 'the student already has this record for the session; correct it instead'); END;
  `,
};
