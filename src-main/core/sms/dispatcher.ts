// Drains the outbox to the provider, one text at a time: the gateway is a single phone, and a second
// request in flight would only queue behind the first on it. Before each send it checks, in order:
// time to live, do not contact (ticked after the text was queued), quiet hours, the provider's own
// "wait", an unknown earlier outcome (asked of the provider first), a number flagged as invalid, and
// the rate windows.
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Metrics, SmsFailureReason } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import { defaultBackoff, retryDelayMs, type BackoffPolicy } from './backoff.js';
import { quietHoursPolicy, type OutboxType } from './message-types.js';
import {
  advanceState,
  claim,
  clearOutcomeUnknown,
  expireForQuietHours,
  expireOverdue,
  flagPhone,
  markAccepted,
  markFailed,
  markOutcomeUnknown,
  nextAttemptAt,
  nextDue,
  phoneFlag,
  recordProviderMessageId,
  requeueInterruptedSends,
  scheduleRetry,
  withdrawForDoNotContact,
  type ClaimedSms,
  type DueSms,
} from './outbox.js';
import type { SendOutcome, SmsProvider } from './provider.js';
import { quietHoursEnd } from './quiet-hours.js';
import { createRateLimiter, type Monotonic, type RateLimiter, type RateLimits } from './rate-limit.js';
import { settleFromLedger, type SentLedger, type SentRecord } from './sent-ledger.js';
import { unwantedReason, withholdQueued } from './still-wanted.js';

/** What the dispatcher reads from the configuration on every pass, so an admin change applies at once. */
export interface DispatchSettings {
  limits: RateLimits;
  quietHours: readonly [string, string] | null;
  timeZone: string;
}

/** Timers in the dispatcher's own units (ms); drills run them faster than real time. */
export type SetTimer = (fn: () => void, ms: number) => { cancel(): void };
const realTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return { cancel: () => clearTimeout(t) };
};

export interface SmsDispatcherDeps {
  db: Db;
  provider: SmsProvider;
  clock: Clock;
  log: Logger;
  /** Defaults: the seed's 10 per minute and 60 per hour, no quiet hours, UTC. */
  settings?: () => DispatchSettings;
  /** The rate windows' clock (see rate-limit.ts); the system's monotonic clock by default. */
  monotonic?: Monotonic;
  setTimer?: SetTimer;
  /** Slack added to each rate window for the request's travel to the provider (ms; see rate-limit.ts). */
  rateGuardMs?: number;
  pollIntervalMs?: number;
  backoff?: BackoffPolicy;
  /** [0, 1); jitter for retry delays. */
  random?: () => number;
  /** Texts the provider already has, kept outside the database so a backup restore cannot resend them. */
  sentLedger?: SentLedger;
  /** Counts states reached, failures by reason and rate-limit waits. */
  metrics?: Metrics;
}

export interface SmsDispatcher {
  /** Re-queues sends a crash interrupted, then drains now and every poll interval. */
  start(): Promise<void>;
  /** Stops polling and waits for the text in flight, so its outcome is recorded. */
  stop(): Promise<void>;
  /** Drain now (a check-in just queued a text) instead of at the next poll. */
  wake(): void;
  /** One pass: expire stale rows, then send due rows until none is due or something asks to wait. Returns the number of send attempts. */
  drainOnce(): Promise<number>;
  /**
   * How often a text had to wait for the rate windows, since start (for metrics), and whether the
   * provider answers: the last time it gave a definite answer and the failures since (for health).
   */
  stats(): { rateLimitWaits: number; lastWaitMs: number; lastAnswerAt: Date | null; failuresSinceAnswer: number; lastFailure: string | null };
  readonly rateLimiter: RateLimiter;
}

const defaultSettings: DispatchSettings = { limits: { perMinute: 10, perHour: 60 }, quietHours: null, timeZone: 'UTC' };

export function createSmsDispatcher(deps: SmsDispatcherDeps): SmsDispatcher {
  const { db, provider, clock, log } = deps;
  const settings = deps.settings ?? (() => defaultSettings);
  const pollIntervalMs = deps.pollIntervalMs ?? 2_000;
  const backoff = deps.backoff ?? defaultBackoff;
  const random = deps.random ?? Math.random;
  const setTimer = deps.setTimer ?? realTimer;
  const rate = createRateLimiter(db, {
    ...(deps.monotonic ? { monotonic: deps.monotonic } : {}),
    ...(deps.rateGuardMs !== undefined ? { guardMs: deps.rateGuardMs } : {}),
  });

  let running = false;
  let timer: { cancel(): void } | undefined;
  let loopPass: Promise<void> | undefined;
  let passRequested = false;
  // Every pass, whether from the loop or a direct drainOnce(), runs after the previous one finishes.
  let passes: Promise<unknown> = Promise.resolve();
  // A retry answer is about the gateway, not the one text: nothing is sent before this point of the
  // rate timeline, which wall-clock steps cannot move.
  let gatewayReadyAt = -Infinity;
  // How long the last pass asked to sleep before the next one (ms); the poll interval caps it.
  let wakeInMs = pollIntervalMs;
  let rateLimitWaits = 0;
  let lastWaitMs = 0;
  let lastAnswerAt: Date | null = null;
  let failuresSinceAnswer = 0;
  let lastFailure: string | null = null;
  let lastWaitLogged = 0;
  // The end of the rate wait last counted (rate timeline): passes woken during the same wait count once.
  let waitCountedUntil = -Infinity;
  const metrics = deps.metrics;
  const reached = (state: 'accepted' | 'sent' | 'delivered' | 'failed' | 'expired', n = 1): void => {
    for (let i = 0; i < n; i++) metrics?.smsReached(state);
  };
  const failed = (id: number, reason: string, why: SmsFailureReason, at: Date): void => {
    if (!markFailed(db, id, reason, at)) return;
    reached('failed');
    metrics?.smsFailed(why);
  };

  /** Written before the database is told; a ledger that cannot be written must not lose the answer. */
  function remember(row: { id: number; messageId: string; expiresAt: Date }, state: SentRecord['state'], at: Date, providerMessageId?: string): void {
    if (!deps.sentLedger) return;
    try {
      deps.sentLedger.record({ messageId: row.messageId, state, providerMessageId: providerMessageId ?? null, at: at.toISOString(), expiresAt: row.expiresAt.toISOString() });
    } catch (e) {
      log.error('sms sent-ledger not written; a backup restore could send this text again', { outboxId: row.id, messageId: row.messageId, error: (e as { code?: string }).code ?? (e as Error).name });
    }
  }

  function drainOnce(): Promise<number> {
    const pass = passes.then(drain);
    passes = pass.catch(() => undefined);
    return pass;
  }

  function sleep(ms: number): void {
    wakeInMs = Math.min(wakeInMs, Math.max(0, ms));
  }

  async function drain(): Promise<number> {
    let tried = 0;
    wakeInMs = pollIntervalMs;
    for (;;) {
      const now = clock.now();
      const cfg = settings();
      const expired = expireOverdue(db, now);
      reached('expired', expired.length);
      if (expired.length > 0) log.warn('sms expired before it could be sent', { count: expired.length, outboxIds: expired.slice(0, 20) });
      const withheld = withdrawForDoNotContact(db, now);
      if (withheld.length > 0) log.info('sms not sent: guardian marked do not contact', { count: withheld.length, outboxIds: withheld.slice(0, 20) });
      const quietEnd = quietHoursEnd(now, cfg.quietHours, cfg.timeZone);
      if (quietEnd) {
        const types = (Object.keys(quietHoursPolicy) as OutboxType[]).filter((t) => quietHoursPolicy[t] === 'expire');
        const dropped = expireForQuietHours(db, types, now);
        reached('expired', dropped.length);
        if (dropped.length > 0) log.warn('sms expired for quiet hours', { count: dropped.length, outboxIds: dropped.slice(0, 20) });
        sleep(quietEnd.getTime() - now.getTime());
        return tried;
      }
      const readyIn = gatewayReadyAt - rate.now();
      if (readyIn > 0) {
        sleep(readyIn);
        return tried;
      }
      const due = nextDue(db, now);
      if (!due) {
        const next = nextAttemptAt(db);
        if (next) sleep(next.getTime() - now.getTime());
        return tried;
      }
      const done = deps.sentLedger?.get(due.messageId);
      if (done) {
        // A restored backup (or a re-check-in after one) queued a text the provider already has.
        settleFromLedger(db, done, now);
        log.warn('sms already reached the provider before a restore; not sent again', { outboxId: due.id, messageId: due.messageId, state: done.state });
        continue;
      }
      if (due.outcomeUnknown && !provider.lookup) {
        // Nobody to ask: a resend is all there is (the log provider cannot lose an answer anyway).
        clearOutcomeUnknown(db, due.id);
        continue;
      }
      if (due.outcomeUnknown && provider.lookup) {
        const settled = await reconcile(due);
        if (settled === 'stop') return tried;
        if (settled === 'settled') continue;
        // Never got it, and too late now: it ends expired, which is finally true.
        if (due.expiresAt.getTime() <= clock.now().getTime()) continue;
      }
      // The provider has not got this text (never sent, refused, or asked and not found): it goes
      // only if what it says is still true.
      const unwanted = unwantedReason(db, due.id);
      if (unwanted) {
        if (withholdQueued(db, due.id, unwanted, clock.now())) reached('expired');
        log.info('sms withheld: no longer true', { outboxId: due.id, messageId: due.messageId, reason: unwanted });
        continue;
      }
      const flag = phoneFlag(db, due.phoneE164);
      if (flag) {
        failed(due.id, `number flagged as invalid on ${flag.flaggedAt.slice(0, 10)}: ${flag.reason}`, 'invalid_number', now);
        log.warn('sms not sent to a number flagged as invalid', { outboxId: due.id, messageId: due.messageId });
        continue;
      }
      const waitMs = db.transaction(() => {
        const w = rate.reserve(cfg.limits, { outboxId: due.id, attemptedAt: now });
        if (w === 0 && !claim(db, due.id, now)) throw new Error(`outbox row ${due.id} changed while it was being claimed`);
        return w;
      }).immediate();
      if (waitMs > 0) {
        rateLimitWaits++;
        lastWaitMs = waitMs;
        if (rate.now() >= waitCountedUntil) {
          waitCountedUntil = rate.now() + waitMs;
          const w = rate.window(cfg.limits);
          metrics?.rateLimitWait(w.lastHour >= cfg.limits.perHour ? '3600s' : '60s');
        }
        // One line per full window, not one per pass.
        if (rate.now() - lastWaitLogged > 60_000) {
          lastWaitLogged = rate.now();
          log.info('sms waiting for the rate limit', { waitMs, perMinute: cfg.limits.perMinute, perHour: cfg.limits.perHour });
        }
        sleep(waitMs);
        return tried;
      }
      tried++;
      const outcome = await send({ ...due, attempts: due.attempts + 1 }, now);
      if (outcome.kind === 'retry' || outcome.kind === 'unknown') return tried;
    }
  }

  /** Asks the provider about an attempt whose outcome is unknown; 'resend' when it never got it. */
  async function reconcile(due: DueSms): Promise<'settled' | 'resend' | 'stop'> {
    const r = await provider.lookup!({
      messageId: due.messageId,
      phoneE164: due.phoneE164,
      text: due.body,
      providerMessageId: due.providerMessageId,
      claimedAt: due.claimedAt,
    });
    const at = clock.now();
    const ids = { outboxId: due.id, messageId: due.messageId };
    switch (r.kind) {
      case 'found':
        remember(due, r.state, at, r.providerMessageId);
        if (r.providerMessageId) recordProviderMessageId(db, due.id, r.providerMessageId);
        if (r.state === 'failed') failed(due.id, r.reason ?? `provider says ${r.providerState}`, 'undelivered', at);
        else if (advanceState(db, due.id, r.state, at)) reached(r.state);
        log.info('sms outcome reconciled: the provider had it', { ...ids, providerState: r.providerState });
        return 'settled';
      case 'not_found':
        clearOutcomeUnknown(db, due.id);
        reached('expired', expireOverdue(db, at).length);
        log.info('sms outcome reconciled: the provider never got it, sending again', ids);
        return 'resend';
      case 'retry': {
        const delayMs = retryDelayMs(due.attempts, backoff, random);
        scheduleRetry(db, due.id, { reason: r.reason, nextAttemptAt: new Date(at.getTime() + delayMs), now: at });
        gatewayReadyAt = rate.now() + delayMs;
        sleep(delayMs);
        log.warn('sms outcome could not be reconciled yet', { ...ids, reason: r.reason, retryInMs: delayMs });
        return 'stop';
      }
    }
  }

  async function send(row: ClaimedSms, now: Date): Promise<SendOutcome> {
    // The phone gets only the TTL that is left, so it cannot send a stale text after we gave up on it.
    const ttlSeconds = Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000);
    let outcome: SendOutcome;
    try {
      outcome = await provider.send({ messageId: row.messageId, phoneE164: row.phoneE164, text: row.body, ttlSeconds });
    } catch (e) {
      // A provider bug, not a gateway answer. Only the error's name is recorded: messages such as JSON
      // parse errors can quote the text. Whether the request left is unknown.
      const reason = `provider ${provider.name} threw ${(e as Error).name}`;
      log.error('sms provider threw', { outboxId: row.id, messageId: row.messageId, reason });
      outcome = { kind: 'unknown', reason };
    }
    const answeredAt = clock.now();
    if (outcome.kind === 'accepted') remember(row, outcome.state ?? 'accepted', answeredAt, outcome.providerMessageId);
    if (outcome.kind === 'permanent') remember(row, 'failed', answeredAt);
    if (outcome.kind === 'accepted' || outcome.kind === 'permanent') {
      lastAnswerAt = answeredAt;
      failuresSinceAnswer = 0;
    } else {
      failuresSinceAnswer++;
      lastFailure = outcome.reason;
    }
    // A restore during the request replaces the table: the row may have another id now, or be gone.
    const rowId = db.prepare('SELECT id FROM sms_outbox WHERE message_id = ?').pluck().get(row.messageId) as number | undefined;
    if (rowId === undefined) {
      log.warn('sms answered for a row the database no longer has (restored meanwhile)', { outboxId: row.id, messageId: row.messageId, outcome: outcome.kind });
      return outcome;
    }
    row = { ...row, id: rowId };
    const ids = { outboxId: row.id, messageId: row.messageId, attempts: row.attempts };
    switch (outcome.kind) {
      case 'accepted':
        if (markAccepted(db, row.id, answeredAt, outcome.providerMessageId)) reached('accepted');
        if (outcome.state && outcome.state !== 'accepted' && advanceState(db, row.id, outcome.state, answeredAt)) {
          reached(outcome.state);
          if (outcome.state === 'failed') metrics?.smsFailed('undelivered');
        }
        log.info('sms accepted by gateway', { ...ids, providerState: outcome.providerState });
        break;
      case 'permanent': {
        const reason = outcome.detail ? `${outcome.reason}: ${outcome.detail}` : outcome.reason;
        if (outcome.badNumber) flagPhone(db, row.phoneE164, reason, answeredAt);
        failed(row.id, reason, outcome.badNumber ? 'invalid_number' : 'refused', answeredAt);
        log.error('sms refused for good', { ...ids, reason: outcome.reason, numberFlagged: outcome.badNumber === true });
        break;
      }
      case 'retry':
      case 'unknown': {
        const delayMs = retryDelayMs(row.attempts, backoff, random, outcome.kind === 'retry' ? outcome.retryAfterMs : undefined);
        const nextAttemptAt = new Date(answeredAt.getTime() + delayMs);
        if (outcome.kind === 'retry') scheduleRetry(db, row.id, { reason: outcome.reason, nextAttemptAt, now: answeredAt });
        else markOutcomeUnknown(db, row.id, { reason: outcome.reason, nextAttemptAt, now: answeredAt });
        // Retry-After is the gateway's own rate limit (429, or 503 with a wait).
        if (outcome.kind === 'retry' && outcome.retryAfterMs !== undefined) metrics?.rateLimitWait('gateway');
        gatewayReadyAt = rate.now() + delayMs;
        sleep(delayMs);
        log.warn('sms will be retried', { ...ids, reason: outcome.reason, retryInMs: delayMs, outcomeUnknown: outcome.kind === 'unknown' });
        break;
      }
    }
    return outcome;
  }

  function runLoopPass(): void {
    if (!running) return;
    if (loopPass) {
      passRequested = true;
      return;
    }
    timer?.cancel();
    timer = undefined;
    loopPass = drainOnce()
      .then(
        () => undefined,
        (e: unknown) => log.error('sms dispatch pass failed', { error: (e as Error).message }),
      )
      .finally(() => {
        loopPass = undefined;
        if (!running) return;
        if (passRequested) {
          passRequested = false;
          runLoopPass();
        } else {
          timer = setTimer(runLoopPass, Math.min(pollIntervalMs, wakeInMs));
        }
      });
  }

  return {
    async start() {
      if (running) return;
      const requeued = requeueInterruptedSends(db, clock.now());
      if (requeued > 0) log.warn('sms sends interrupted by a restart are queued again, to be reconciled first', { count: requeued });
      running = true;
      runLoopPass();
    },
    async stop() {
      running = false;
      passRequested = false;
      timer?.cancel();
      timer = undefined;
      await loopPass;
      await passes;
    },
    wake: runLoopPass,
    drainOnce,
    stats: () => ({ rateLimitWaits, lastWaitMs, lastAnswerAt, failuresSinceAnswer, lastFailure }),
    rateLimiter: rate,
  };
}
