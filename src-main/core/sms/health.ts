// What /health and the metrics need to know about texts, as observed values: no names, numbers or
// text. The health server (another capability) calls `smsHealth(db, clock, config)` and maps `status`.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';
import { smsCapacity, type CapacityReport } from './capacity.js';
import { outboxCounts, type OutboxState } from './outbox.js';
import { deliveryRatio24h } from './outbox-metrics.js';
import { quietHoursEnd } from './quiet-hours.js';
import type { RateLimiter } from './rate-limit.js';

export interface SmsHealth {
  status: 'pass' | 'warn';
  provider: string;
  byState: Record<OutboxState, number>;
  /** Seconds the oldest queued text has waited; 0 when none waits. */
  oldestQueuedSeconds: number;
  /** Attempts that reached the provider in the last minute and hour (the rate windows). */
  sentLastMinute: number;
  sentLastHour: number;
  limits: { perMinute: number; perHour: number };
  /** Of the texts created in the last 24 h that reached an end state: delivered or sent, in percent (null if none). */
  deliveryRatePercent: number | null;
  /** Failed texts of the last 24 h by reason, with any number in the reason blanked. */
  failuresByReason: Record<string, number>;
  flaggedNumbers: number;
  /** When quiet hours end, if they are on now (UTC ISO); routine texts expire meanwhile, the rest wait. */
  quietHoursUntil: string | null;
  capacity: CapacityReport;
  warnings: string[];
}

const hourMs = 3_600_000;

export function smsHealth(db: Db, clock: Clock, config: Config, opts: { rateLimiter?: RateLimiter } = {}): SmsHealth {
  const now = clock.now();
  const nowIso = now.toISOString();
  const dayAgo = new Date(now.getTime() - 24 * hourMs).toISOString();
  const byState = outboxCounts(db);
  const oldest = db.prepare(`SELECT MIN(created_at) FROM sms_outbox WHERE state = 'queued'`).pluck().get() as string | null;
  let sentLastMinute: number;
  let sentLastHour: number;
  let recentSendsAgoMs: number[];
  if (opts.rateLimiter) {
    const w = opts.rateLimiter.window(config.sms.limits);
    sentLastMinute = w.lastMinute;
    sentLastHour = w.lastHour;
    const t = opts.rateLimiter.now();
    recentSendsAgoMs = (db.prepare('SELECT rate_ms FROM sms_send_log WHERE rate_ms > ?').pluck().all(t - hourMs) as number[]).map((r) => t - r);
  } else {
    // Without the dispatcher's timeline (another process asking), the wall clock is close enough to observe.
    const since = (ms: number) => new Date(now.getTime() - ms).toISOString();
    sentLastMinute = db.prepare('SELECT COUNT(*) FROM sms_send_log WHERE attempted_at > ?').pluck().get(since(60_000)) as number;
    sentLastHour = db.prepare('SELECT COUNT(*) FROM sms_send_log WHERE attempted_at > ?').pluck().get(since(hourMs)) as number;
    recentSendsAgoMs = (db.prepare('SELECT attempted_at FROM sms_send_log WHERE attempted_at > ?').pluck().all(since(hourMs)) as string[]).map(
      (a) => Math.max(0, now.getTime() - Date.parse(a)),
    );
  }
  const queue = (
    db
      .prepare(`SELECT priority, next_attempt_at, expires_at FROM sms_outbox WHERE state = 'queued' AND expires_at > ? ORDER BY priority DESC, id LIMIT 5000`)
      .all(nowIso) as Array<{ priority: number; next_attempt_at: string; expires_at: string }>
  ).map((r) => ({ priority: r.priority, dueAt: Date.parse(r.next_attempt_at), expiresAt: Date.parse(r.expires_at) }));
  const morningArrivalTexts = db
    .prepare(
      `SELECT COUNT(*) FROM student_guardians sg JOIN students s ON s.id = sg.student_id JOIN guardians g ON g.id = sg.guardian_id
        WHERE s.archived_at IS NULL AND g.do_not_contact = 0`,
    )
    .pluck()
    .get() as number;
  const capacity = smsCapacity({
    now: now.getTime(),
    queue,
    limits: config.sms.limits,
    recentSendsAgoMs,
    morningArrivalTexts,
    arrivalTtlMinutes: config.sms.ttlMinutes.check_in,
  });
  const ratio = deliveryRatio24h(db, now);
  const failuresByReason: Record<string, number> = {};
  for (const r of db.prepare(`SELECT last_error FROM sms_outbox WHERE state = 'failed' AND updated_at > ?`).pluck().all(dayAgo) as Array<string | null>) {
    const reason = blankNumbers(r ?? 'unknown');
    failuresByReason[reason] = (failuresByReason[reason] ?? 0) + 1;
  }
  const flaggedNumbers = db.prepare('SELECT COUNT(*) FROM guardian_phone_flags').pluck().get() as number;
  const warnings = [...capacity.warnings];
  const oldestQueuedSeconds = oldest ? Math.max(0, Math.round((now.getTime() - Date.parse(oldest)) / 1000)) : 0;
  if (oldestQueuedSeconds > 15 * 60) warnings.push(`a text has waited ${Math.round(oldestQueuedSeconds / 60)} minutes to be sent`);
  return {
    status: warnings.length > 0 ? 'warn' : 'pass',
    provider: config.sms.provider,
    byState,
    oldestQueuedSeconds,
    sentLastMinute,
    sentLastHour,
    limits: config.sms.limits,
    deliveryRatePercent: ratio === null ? null : Math.round(ratio * 1000) / 10,
    failuresByReason,
    flaggedNumbers,
    quietHoursUntil: quietHoursEnd(now, config.sms.quietHours, config.school.timezone)?.toISOString() ?? null,
    capacity,
    warnings,
  };
}

/** Gateway reasons can quote the number ("The 'To' number +15005550001 is not valid"). */
export function blankNumbers(reason: string): string {
  return reason.replace(/\+?\d[\d\s().-]{5,}\d/g, '<number>');
}
