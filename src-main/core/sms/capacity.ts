// Can today's queue drain before its texts go stale? A pure simulation of the dispatcher's order
// (priority, then oldest) against the same sliding windows, starting from the sends already in them.
// A whole school arriving in 30 minutes is hundreds of texts; at 60 an hour most would expire, and the
// office should know before 08:00, not from parents at 10:00.
import type { RateLimits } from './rate-limit.js';

export interface QueuedForCapacity {
  priority: number;
  /** Wall-clock ms. */
  dueAt: number;
  expiresAt: number;
}

export interface CapacityInput {
  /** Wall-clock ms. */
  now: number;
  /** Queued texts, in the dispatcher's order (priority desc, then id). */
  queue: QueuedForCapacity[];
  limits: RateLimits;
  /** How long ago (ms) each attempt of the last hour was made. */
  recentSendsAgoMs: number[];
  /** Texts one ordinary morning's arrivals queue (contactable guardians of active students), for the forecast. */
  morningArrivalTexts?: number;
  /** TTL of an arrival text (minutes). */
  arrivalTtlMinutes?: number;
}

export interface CapacityReport {
  status: 'ok' | 'warn';
  queued: number;
  /** Of the queue, how many would expire before their turn at the configured rate. */
  wouldExpire: number;
  /** Minutes until the last queued text that can still go would be sent. */
  drainMinutes: number;
  /** Texts per hour needed to send every queued text within its TTL. */
  neededPerHour: number;
  /** Whether one morning's arrival texts fit in their TTL at the configured rate. */
  morningFits: boolean | null;
  warnings: string[];
  remedies: string[];
}

const minute = 60_000;
const hour = 3_600_000;

export function smsCapacity(input: CapacityInput): CapacityReport {
  const { now, limits } = input;
  const sends = input.recentSendsAgoMs.map((ago) => now - ago).sort((a, b) => a - b);
  let wouldExpire = 0;
  let lastSend = now;
  let cursor = now;
  for (const q of input.queue) {
    const at = nextSlot(sends, Math.max(cursor, q.dueAt), limits);
    if (at >= q.expiresAt) {
      wouldExpire++;
      continue;
    }
    sends.push(at);
    cursor = at;
    lastSend = at;
  }
  const neededPerHour = requiredRate(input.queue, now);
  const morningNeed = input.morningArrivalTexts ?? 0;
  const ttlHours = (input.arrivalTtlMinutes ?? 120) / 60;
  // Over an arrival window the hour cap binds: within the TTL at most perHour × ceil(TTL hours) go out.
  const morningCap = Math.min(limits.perHour * Math.ceil(ttlHours), limits.perMinute * (input.arrivalTtlMinutes ?? 120));
  const morningFits = input.morningArrivalTexts === undefined ? null : morningNeed <= morningCap;
  const warnings: string[] = [];
  if (wouldExpire > 0) {
    warnings.push(`${wouldExpire} of ${input.queue.length} queued texts will expire before they can be sent at ${limits.perMinute}/min and ${limits.perHour}/h`);
  }
  if (morningFits === false) {
    warnings.push(`a normal morning queues about ${morningNeed} arrival texts; at ${limits.perHour}/h only ${morningCap} can be sent within their ${Math.round(ttlHours * 60)}-minute time to live`);
  }
  const remedies =
    warnings.length === 0
      ? []
      : [
          `Raise sms.limits.perHour if the SIM plan and carrier allow it (${Math.max(neededPerHour, Math.ceil(morningNeed / ttlHours))}/h would be enough)`,
          'Add a second gateway phone with its own SIM, so each carries part of the load',
          'Send only late-arrival and absence texts, and turn off routine check-in and check-out texts',
          'Switch the SMS provider to Twilio, which queues per sender at a much higher rate',
        ];
  return {
    status: warnings.length > 0 ? 'warn' : 'ok',
    queued: input.queue.length,
    wouldExpire,
    drainMinutes: Math.ceil((lastSend - now) / minute),
    neededPerHour,
    morningFits,
    warnings,
    remedies,
  };
}

/** The first instant ≥ t at which one more send keeps both windows under their limits. */
function nextSlot(sends: number[], t: number, limits: RateLimits): number {
  for (;;) {
    const inMinute = sends.filter((s) => s > t - minute);
    const inHour = sends.filter((s) => s > t - hour);
    let next = t;
    if (inMinute.length >= limits.perMinute) next = Math.max(next, inMinute[inMinute.length - limits.perMinute]! + minute);
    if (inHour.length >= limits.perHour) next = Math.max(next, inHour[inHour.length - limits.perHour]! + hour);
    if (next === t) return t;
    t = next;
  }
}

/** The smallest hourly rate at which every queued text goes out before it expires (ignoring the minute cap). */
function requiredRate(queue: QueuedForCapacity[], now: number): number {
  // By deadline: the k-th earliest deadline must leave room for k texts.
  const deadlines = queue.map((q) => Math.max(1, q.expiresAt - now)).sort((a, b) => a - b);
  let need = 0;
  deadlines.forEach((d, i) => {
    need = Math.max(need, Math.ceil(((i + 1) * hour) / d));
  });
  return need;
}
