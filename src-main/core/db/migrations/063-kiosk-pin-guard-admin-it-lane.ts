import type { Migration } from './types.js';

/**
 * The kiosk's PIN guessing limits, kept on disk so that pulling the plug (or a watchdog relaunch) does
 * not hand a guesser a fresh set of tries: the lock per typed student number, and every wrong PIN of
 * the last minute for the kiosk-wide limit. Keys are what was typed, so unknown numbers lock too.
 * Also the admin door's IT lane: while wrong PINs have the sign-in locked, the IT PIN is still tried,
 * at most once per growing interval, so a student at the kiosk cannot lock IT out as well.
 */
export const kioskPinGuard: Migration = {
  version: 63,
  name: 'kiosk PIN lock and wrong-PIN rate; admin IT lane during a lockout',
  sql: `
    CREATE TABLE pin_locks (
      student_number  TEXT PRIMARY KEY,
      failures        INTEGER NOT NULL,
      locks           INTEGER NOT NULL,
      locked_until    TEXT,
      last_failure_at TEXT NOT NULL
    );
    CREATE INDEX pin_locks_by_last_failure ON pin_locks(last_failure_at);
    CREATE TABLE pin_wrong_tries (
      at TEXT NOT NULL
    );
    CREATE INDEX pin_wrong_tries_by_at ON pin_wrong_tries(at);
    CREATE TABLE admin_it_lane (
      id          INTEGER PRIMARY KEY CHECK (id = 1),
      failures    INTEGER NOT NULL,
      next_try_at TEXT
    );
    INSERT INTO admin_it_lane (id, failures, next_try_at) VALUES (1, 0, NULL);
  `,
};
