// A wall-clock step shows as the wall clock moving by a different amount than the monotonic clock
// between two readings (NTP correcting a dead RTC, an admin setting the time, a resume from sleep).
import type { ClockJump } from './checks.js';

/** Steps smaller than this are ordinary NTP slewing and timer jitter. */
export const CLOCK_JUMP_THRESHOLD_S = 2;

export function createClockJumpDetector(wallMs: () => number, monotonicMs: () => number) {
  let prev = { wall: wallMs(), mono: monotonicMs() };
  return {
    /** Compares against the previous reading; returns the jump if there was one. */
    check(): ClockJump | null {
      const cur = { wall: wallMs(), mono: monotonicMs() };
      const seconds = (cur.wall - prev.wall - (cur.mono - prev.mono)) / 1000;
      prev = cur;
      return Math.abs(seconds) >= CLOCK_JUMP_THRESHOLD_S ? { at: new Date(cur.wall), seconds } : null;
    },
  };
}
