// The provider's caps as a sliding-window log kept in SQLite (reliability.md §4): a text may be sent
// when fewer than `perMinute` attempts happened in the last 60 s and fewer than `perHour` in the last
// hour. Every request that reached, or may have reached, the provider is logged before it is made, so
// a crash mid-request still counts.
//
// The windows are measured on a timeline that never runs backwards and ignores wall-clock steps: the
// monotonic clock, anchored to the newest logged attempt. After a restart the timeline resumes from
// that attempt plus the monotonic time since it, or plus the time since boot when the machine
// rebooted in between. Both under-estimate the real gap, so a restart or a clock step can only delay a
// text, never let an extra one through.
import type { Db } from '../db/open.js';

export interface RateLimits {
  perMinute: number;
  perHour: number;
}

/** Milliseconds from a clock that only moves forward (`process.hrtime` counts from boot). */
export type Monotonic = () => number;

export const systemMonotonic: Monotonic = () => Number(process.hrtime.bigint() / 1_000_000n);

const minuteMs = 60_000;
const hourMs = 3_600_000;
/** Log rows kept this long: the hour window, plus a day of history for health and the admin screen. */
const keepMs = 24 * hourMs;

export interface SendWindow {
  /** Attempts in the last 60 s and the last hour of the timeline. */
  lastMinute: number;
  lastHour: number;
  /** 0 when a text may go now, else how long until one may (ms). */
  waitMs: number;
}

export interface RateLimiter {
  /** The rate timeline now (ms). */
  now(): number;
  /** What the windows hold now and how long until the next send is allowed. */
  window(limits: RateLimits): SendWindow;
  /**
   * If the windows allow a send now, logs the attempt (inside the caller's transaction when there is
   * one) and returns 0; otherwise logs nothing and returns how long to wait (ms).
   */
  reserve(limits: RateLimits, attempt: { outboxId: number | null; attemptedAt: Date }): number;
}

export function createRateLimiter(db: Db, opts: { monotonic?: Monotonic; guardMs?: number } = {}): RateLimiter {
  const monotonic = opts.monotonic ?? systemMonotonic;
  // A request that left at a window's edge lands a moment later at the phone, which counts on arrival.
  const guardMs = opts.guardMs ?? 250;
  const last = db.prepare('SELECT rate_ms, mono_ms FROM sms_send_log ORDER BY rate_ms DESC LIMIT 1').get() as
    | { rate_ms: number; mono_ms: number }
    | undefined;
  const monoAtStart = monotonic();
  const rateAtStart = last ? last.rate_ms + (monoAtStart >= last.mono_ms ? monoAtStart - last.mono_ms : monoAtStart) : monoAtStart;

  const countSince = db.prepare('SELECT COUNT(*) AS n FROM sms_send_log WHERE rate_ms > ?');
  const nthSince = db.prepare('SELECT rate_ms FROM sms_send_log WHERE rate_ms > ? ORDER BY rate_ms LIMIT 1 OFFSET ?');
  const insert = db.prepare('INSERT INTO sms_send_log (outbox_id, rate_ms, mono_ms, attempted_at) VALUES (?, ?, ?, ?)');
  const prune = db.prepare('DELETE FROM sms_send_log WHERE rate_ms <= ?');

  const now = () => rateAtStart + (monotonic() - monoAtStart);

  function windowAt(t: number, limits: RateLimits): SendWindow {
    const minuteSpan = minuteMs + guardMs;
    const hourSpan = hourMs + guardMs;
    const lastMinute = (countSince.get(t - minuteSpan) as { n: number }).n;
    const lastHour = (countSince.get(t - hourSpan) as { n: number }).n;
    // When a window is full, the next send may go once enough of its oldest attempts have left it.
    const freeAt = (span: number, count: number, limit: number) => {
      if (count < limit) return t;
      const oldest = (nthSince.get(t - span, count - limit) as { rate_ms: number }).rate_ms;
      return oldest + span;
    };
    const next = Math.max(freeAt(minuteSpan, lastMinute, limits.perMinute), freeAt(hourSpan, lastHour, limits.perHour));
    return { lastMinute, lastHour, waitMs: Math.max(0, next - t) };
  }

  return {
    now,
    window: (limits) => windowAt(now(), limits),
    reserve(limits, attempt) {
      const t = now();
      const w = windowAt(t, limits);
      if (w.waitMs > 0) return w.waitMs;
      insert.run(attempt.outboxId, t, monotonic(), attempt.attemptedAt.toISOString());
      prune.run(t - keepMs);
      return 0;
    },
  };
}
