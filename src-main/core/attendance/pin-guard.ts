// Limits PIN guessing per student number: after `pinAttempts` wrong tries the number is locked for
// `pinLockMinutes`, doubling for each further lock the same day, so a curious student cannot walk
// through 10,000 PINs at the kiosk.
import type { Clock } from '../time/clock.js';

interface Entry {
  failures: number;
  locks: number;
  lockedUntil: number;
}

export function createPinGuard(settings: () => { pinAttempts: number; pinLockMinutes: number }, clock: Clock) {
  const entries = new Map<string, Entry>();
  const entry = (key: string) => {
    let e = entries.get(key);
    if (!e) entries.set(key, (e = { failures: 0, locks: 0, lockedUntil: 0 }));
    return e;
  };
  return {
    /** Seconds the number stays locked, 0 when it may try. */
    lockedFor(key: string): number {
      const e = entries.get(key);
      if (!e) return 0;
      return Math.max(0, Math.ceil((e.lockedUntil - clock.now().getTime()) / 1000));
    },
    /** Records a wrong try; returns the lock in seconds if this try caused one. */
    fail(key: string): number {
      const e = entry(key);
      e.failures++;
      const { pinAttempts, pinLockMinutes } = settings();
      if (e.failures < pinAttempts) return 0;
      e.failures = 0;
      const seconds = pinLockMinutes * 60 * 2 ** Math.min(e.locks, 6);
      e.locks++;
      e.lockedUntil = clock.now().getTime() + seconds * 1000;
      return seconds;
    },
    succeed(key: string): void {
      entries.delete(key);
    },
  };
}
