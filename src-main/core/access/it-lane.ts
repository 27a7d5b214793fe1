// While wrong PINs have the admin sign-in locked, the IT PIN still opens it: otherwise a student at
// the kiosk could type five wrong PINs and keep the office and IT out for up to an hour. The lane
// tries a PIN against the IT PIN only, and at most once per interval that doubles with each wrong try
// (15 s up to 5 min), so it adds about a dozen guesses an hour at a 6-12 digit PIN, while IT arriving
// at a locked screen waits 5 minutes at worst. A good sign-in clears it.
import type { Db } from '../db/open.js';

const FIRST_WAIT_SECONDS = 15;
const MAX_WAIT_SECONDS = 5 * 60;

export type ItLaneAttempt = { ok: true } | { ok: false; tried: boolean; waitSeconds: number };

/** Seconds the lane waits after the n-th wrong try in a row (n from 1). */
export function itLaneWaitSeconds(n: number): number {
  return Math.min(MAX_WAIT_SECONDS, FIRST_WAIT_SECONDS * 2 ** Math.max(0, n - 1));
}

export function createItLane(db: Db) {
  const read = db.prepare('SELECT failures, next_try_at FROM admin_it_lane WHERE id = 1');
  const write = db.prepare('UPDATE admin_it_lane SET failures = ?, next_try_at = ? WHERE id = 1');
  const state = () => {
    const r = read.get() as { failures: number; next_try_at: string | null };
    return { failures: r.failures, nextTryAt: r.next_try_at ? Date.parse(r.next_try_at) : 0 };
  };
  const waitFrom = (nextTryAt: number, now: Date) => Math.max(0, Math.ceil((nextTryAt - now.getTime()) / 1000));

  return {
    /** Seconds until the IT PIN may be tried during the lock (0: now). */
    waitSeconds(now: Date): number {
      return waitFrom(state().nextTryAt, now);
    },
    /** `isItPin` runs (one scrypt) only when the lane is open. */
    attempt(now: Date, isItPin: () => boolean): ItLaneAttempt {
      const s = state();
      const wait = waitFrom(s.nextTryAt, now);
      if (wait > 0) return { ok: false, tried: false, waitSeconds: wait };
      if (isItPin()) {
        write.run(0, null);
        return { ok: true };
      }
      const failures = s.failures + 1;
      const seconds = itLaneWaitSeconds(failures);
      write.run(failures, new Date(now.getTime() + seconds * 1000).toISOString());
      return { ok: false, tried: true, waitSeconds: seconds };
    },
    reset(): void {
      write.run(0, null);
    },
  };
}
