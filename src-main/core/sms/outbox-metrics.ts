// The outbox as /metrics and metrics.json read it at each scrape: texts by state (every state, so a
// gauge never keeps a stale count for a state that emptied), the age of the oldest unsent text, and
// the last day's delivery ratio, defined once here for the metrics and the admin screen alike. Each
// read is a few index lookups, never a walk over the outbox (migration 062).
import type { Db } from '../db/open.js';
import type { SmsOutboxSource } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import { outboxStates, type OutboxState } from './outbox.js';

const dayMs = 24 * 3_600_000;

/**
 * Of the texts created in the 24 h before `now` that reached an end state, the share that was
 * delivered or sent (0..1); null when none has ended yet.
 */
export function deliveryRatio24h(db: Db, now: Date): number | null {
  // The creation-time index reads only the day's rows; left alone, the planner walks the state index,
  // every delivered text ever kept.
  const ended = db
    .prepare(`SELECT state, COUNT(*) AS n FROM sms_outbox INDEXED BY sms_outbox_created WHERE created_at > ? AND state IN ('sent', 'delivered', 'failed', 'expired') GROUP BY state`)
    .all(new Date(now.getTime() - dayMs).toISOString()) as Array<{ state: string; n: number }>;
  const total = ended.reduce((a, r) => a + r.n, 0);
  const good = ended.filter((r) => r.state === 'sent' || r.state === 'delivered').reduce((a, r) => a + r.n, 0);
  return total === 0 ? null : good / total;
}

export function outboxMetricsSource(db: Db, clock: Clock): SmsOutboxSource {
  const oldest = db.prepare(`SELECT MIN(created_at) FROM sms_outbox WHERE state IN ('queued', 'sending')`).pluck();
  // Kept by triggers with every change (migration 062), so reading it never walks the outbox.
  const counts = db.prepare(`SELECT state, n FROM sms_outbox_state_counts`);
  return {
    byState() {
      const out = Object.fromEntries(outboxStates.map((s) => [s, 0])) as Record<OutboxState, number>;
      for (const r of counts.all() as { state: OutboxState; n: number }[]) out[r.state] = r.n;
      return out;
    },
    oldestPendingSeconds() {
      const at = oldest.get() as string | null;
      return at ? Math.max(0, (clock.now().getTime() - Date.parse(at)) / 1000) : null;
    },
    deliveryRatio24h: () => deliveryRatio24h(db, clock.now()),
  };
}
