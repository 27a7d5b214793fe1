// Limits PIN guessing at the kiosk, in two ways, both kept in SQLite so a restart gives no fresh tries:
// - per typed student number: after `pinAttempts` wrong tries the number is locked for
//   `pinLockMinutes`, doubling for each further lock within a day, so a curious student cannot walk
//   through 10,000 PINs for one number;
// - kiosk-wide: at most `pinWrongPerMinute` wrong PINs a minute over all numbers, after which the pad
//   pauses until the oldest of them is a minute old. Trying "1234" on every number is slowed this
//   way without locking any real student's number (their own count does not move).
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';

export interface PinGuardSettings {
  pinAttempts: number;
  pinLockMinutes: number;
  pinWrongPerMinute: number;
}

const MINUTE_MS = 60_000;
/** A number's run of locks is forgotten a day after its last wrong PIN (and its row pruned). */
const FORGET_AFTER_MS = 24 * 60 * MINUTE_MS;

interface LockRow {
  failures: number;
  locks: number;
  locked_until: string | null;
  last_failure_at: string;
}

export function createPinGuard(db: Db, settings: () => PinGuardSettings, clock: Clock) {
  const getLock = db.prepare('SELECT failures, locks, locked_until, last_failure_at FROM pin_locks WHERE student_number = ?');
  const putLock = db.prepare(
    `INSERT INTO pin_locks (student_number, failures, locks, locked_until, last_failure_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (student_number) DO UPDATE SET failures = excluded.failures, locks = excluded.locks,
       locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
  );
  const dropLock = db.prepare('DELETE FROM pin_locks WHERE student_number = ?');
  const pruneLocks = db.prepare('DELETE FROM pin_locks WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?)');
  const addWrongTry = db.prepare('INSERT INTO pin_wrong_tries (at) VALUES (?)');
  const pruneWrongTries = db.prepare('DELETE FROM pin_wrong_tries WHERE at <= ?');
  // Tries stamped after now (the clock was stepped back) are left out rather than pausing the pad for an hour.
  const nthRecentTry = db.prepare('SELECT at FROM pin_wrong_tries WHERE at > ? AND at <= ? ORDER BY at DESC LIMIT 1 OFFSET ?');

  const secondsUntil = (until: number, now: number) => Math.max(0, Math.ceil((until - now) / 1000));

  const recordFailure = db.transaction((key: string, now: Date): number => {
    const nowIso = now.toISOString();
    const { pinAttempts, pinLockMinutes } = settings();
    const row = getLock.get(key) as LockRow | undefined;
    const fresh = !row || now.getTime() - Date.parse(row.last_failure_at) > FORGET_AFTER_MS;
    const failures = (fresh ? 0 : row.failures) + 1;
    const locks = fresh ? 0 : row.locks;
    addWrongTry.run(nowIso);
    pruneWrongTries.run(new Date(now.getTime() - MINUTE_MS).toISOString());
    pruneLocks.run(new Date(now.getTime() - FORGET_AFTER_MS).toISOString(), nowIso);
    if (failures < pinAttempts) {
      putLock.run(key, failures, locks, null, nowIso);
      return 0;
    }
    const seconds = pinLockMinutes * 60 * 2 ** Math.min(locks, 6);
    putLock.run(key, 0, locks + 1, new Date(now.getTime() + seconds * 1000).toISOString(), nowIso);
    return seconds;
  });

  return {
    /** Seconds the number stays locked, 0 when it may try. */
    lockedFor(key: string): number {
      const row = getLock.get(key) as LockRow | undefined;
      if (!row?.locked_until) return 0;
      return secondsUntil(Date.parse(row.locked_until), clock.now().getTime());
    },
    /** Seconds the whole pad waits because of too many wrong PINs in the last minute, 0 when it may try. */
    padPausedFor(): number {
      const now = clock.now().getTime();
      const { pinWrongPerMinute } = settings();
      const row = nthRecentTry.get(new Date(now - MINUTE_MS).toISOString(), new Date(now).toISOString(), pinWrongPerMinute - 1) as
        | { at: string }
        | undefined;
      return row ? secondsUntil(Date.parse(row.at) + MINUTE_MS, now) : 0;
    },
    /** Records a wrong try; returns the lock in seconds if this try caused one. */
    fail(key: string): number {
      return recordFailure(key, clock.now());
    },
    succeed(key: string): void {
      dropLock.run(key);
    },
  };
}
