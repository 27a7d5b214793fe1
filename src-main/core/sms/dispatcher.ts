// Drains the outbox to the provider, one text at a time: the gateway is a single phone, and a second
// request in flight would only queue behind the first on it.
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';
import { defaultBackoff, retryDelayMs, type BackoffPolicy } from './backoff.js';
import {
  claimNextDue,
  expireOverdue,
  markAccepted,
  markFailed,
  requeueInterruptedSends,
  scheduleRetry,
  type ClaimedSms,
} from './outbox.js';
import type { SendOutcome, SmsProvider } from './provider.js';

export interface SmsDispatcherDeps {
  db: Db;
  provider: SmsProvider;
  clock: Clock;
  log: Logger;
  pollIntervalMs?: number;
  backoff?: BackoffPolicy;
  /** [0, 1); jitter for retry delays. */
  random?: () => number;
}

export interface SmsDispatcher {
  /** Re-queues sends a crash interrupted, then drains now and every poll interval. */
  start(): Promise<void>;
  /** Stops polling and waits for the text in flight, so its outcome is recorded. */
  stop(): Promise<void>;
  /** Drain now (a check-in just queued a text) instead of at the next poll. */
  wake(): void;
  /** One pass: expire stale rows, then send due rows until none is due or the gateway asks to wait. Returns the number of send attempts. */
  drainOnce(): Promise<number>;
}

export function createSmsDispatcher(deps: SmsDispatcherDeps): SmsDispatcher {
  const { db, provider, clock, log } = deps;
  const pollIntervalMs = deps.pollIntervalMs ?? 2_000;
  const backoff = deps.backoff ?? defaultBackoff;
  const random = deps.random ?? Math.random;

  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let loopPass: Promise<void> | undefined;
  let passRequested = false;
  // Every pass, whether from the loop or a direct drainOnce(), runs after the previous one finishes.
  let passes: Promise<unknown> = Promise.resolve();
  // A retry answer is about the gateway, not the one text: nothing is sent before this instant (ms).
  let gatewayReadyAt = 0;

  function drainOnce(): Promise<number> {
    const pass = passes.then(drain);
    passes = pass.catch(() => undefined);
    return pass;
  }

  async function drain(): Promise<number> {
    let tried = 0;
    for (;;) {
      const now = clock.now();
      const expired = expireOverdue(db, now);
      if (expired.length > 0) log.warn('sms expired before it could be sent', { outboxIds: expired });
      if (now.getTime() < gatewayReadyAt) return tried;
      const row = claimNextDue(db, now);
      if (!row) return tried;
      tried++;
      const outcome = await send(row, now);
      if (outcome.kind === 'retry') return tried;
    }
  }

  async function send(row: ClaimedSms, now: Date): Promise<SendOutcome> {
    // The phone gets only the TTL that is left, so it cannot send a stale text after we gave up on it.
    const ttlSeconds = Math.ceil((row.expiresAt.getTime() - now.getTime()) / 1000);
    let outcome: SendOutcome;
    try {
      outcome = await provider.send({ messageId: row.messageId, phoneE164: row.phoneE164, text: row.body, ttlSeconds });
    } catch (e) {
      // A provider bug, not a gateway answer; the row stays queued. Only the error's name is recorded:
      // messages such as JSON parse errors can quote the text.
      const reason = `provider ${provider.name} threw ${(e as Error).name}`;
      log.error('sms provider threw', { outboxId: row.id, messageId: row.messageId, reason });
      outcome = { kind: 'retry', reason };
    }
    const ids = { outboxId: row.id, messageId: row.messageId, attempts: row.attempts };
    const answeredAt = clock.now();
    switch (outcome.kind) {
      case 'accepted':
        markAccepted(db, row.id, answeredAt);
        log.info('sms accepted by gateway', { ...ids, providerState: outcome.providerState });
        break;
      case 'permanent':
        markFailed(db, row.id, outcome.detail ? `${outcome.reason}: ${outcome.detail}` : outcome.reason, answeredAt);
        log.error('sms refused for good', { ...ids, reason: outcome.reason });
        break;
      case 'retry': {
        const delayMs = retryDelayMs(row.attempts, backoff, random, outcome.retryAfterMs);
        const nextAttemptAt = new Date(answeredAt.getTime() + delayMs);
        scheduleRetry(db, row.id, { reason: outcome.reason, nextAttemptAt, now: answeredAt });
        gatewayReadyAt = nextAttemptAt.getTime();
        log.warn('sms will be retried', { ...ids, reason: outcome.reason, retryInMs: delayMs });
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
    clearTimeout(timer);
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
          timer = setTimeout(runLoopPass, pollIntervalMs);
        }
      });
  }

  return {
    async start() {
      if (running) return;
      const requeued = requeueInterruptedSends(db, clock.now());
      if (requeued > 0) log.warn('sms sends interrupted by a restart are queued again', { count: requeued });
      running = true;
      runLoopPass();
    },
    async stop() {
      running = false;
      passRequested = false;
      clearTimeout(timer);
      timer = undefined;
      await loopPass;
      await passes;
    },
    wake: runLoopPass,
    drainOnce,
  };
}
