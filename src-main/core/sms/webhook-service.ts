// The delivery-report service: the hardened listener with the SMS routes, started after the database
// and stopped before it. At start it applies any report stored but not yet applied when the kiosk stopped.
// A report costs one durable commit before its answer, shared with every report that arrived in the
// same turn of the event loop (group commit); applying them to the outbox is one more commit, after
// the answers, for all that were stored meanwhile (a commit each would queue twenty senders behind
// forty fsyncs).
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import { createGroupCommit } from '../db/group-commit.js';
import { createWebhookServer } from '../webhook/server.js';
import { createDeliveryReports } from './delivery-reports.js';
import { createSmsWebhookRoute, type SmsWebhookSecrets } from './webhook-routes.js';

export interface SmsWebhookServiceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  host: string;
  port: number;
  secrets: () => SmsWebhookSecrets;
  maxBodyBytes?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Called after reports were applied to the outbox (tests wait on it). */
  onApplied?: (count: number) => void;
  /** Counts requests by result and the states the reports moved texts to. */
  metrics?: Metrics;
}

export function createSmsWebhookService(deps: SmsWebhookServiceDeps) {
  const reports = createDeliveryReports(deps);
  const intake = createGroupCommit({ db: deps.db, write: reports.store });
  let applying: NodeJS.Immediate | undefined;
  function applyNow(): void {
    applying = undefined;
    try {
      const applied = reports.applyPending();
      deps.onApplied?.(applied);
    } catch (e) {
      // The reports stay stored and unapplied; the next report or the next start applies them.
      deps.log.error('delivery reports could not be applied', { error: (e as Error).message });
    }
  }
  let boundPort = deps.port;
  const { route, counters } = createSmsWebhookRoute({
    reports,
    store: (event) => intake.submit(event),
    // Every report answered in this turn is applied by one pass in the next.
    afterStored: () => void (applying ??= setImmediate(applyNow)),
    secrets: deps.secrets,
    clock: deps.clock,
    log: deps.log,
    port: () => boundPort,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const server = createWebhookServer({
    host: deps.host,
    port: deps.port,
    route,
    log: deps.log,
    ...(deps.maxBodyBytes ? { maxBodyBytes: deps.maxBodyBytes } : {}),
    ...(deps.headersTimeoutMs ? { headersTimeoutMs: deps.headersTimeoutMs } : {}),
    ...(deps.requestTimeoutMs ? { requestTimeoutMs: deps.requestTimeoutMs } : {}),
    ...(deps.metrics ? { onRefused: (why: 'too_large' | 'error') => deps.metrics!.webhookEvent(why) } : {}),
  });
  return {
    reports,
    counters,
    async start() {
      const applied = reports.applyPending();
      if (applied > 0) deps.log.info('delivery reports stored before a stop were applied', { count: applied });
      await server.start();
      boundPort = server.port();
    },
    /** Closes the listener, then commits and applies what it took, so the database can close after. */
    async stop() {
      await server.stop();
      intake.flush();
      if (applying) {
        clearImmediate(applying);
        applyNow();
      }
    },
    port: () => server.port(),
  };
}

export type SmsWebhookService = ReturnType<typeof createSmsWebhookService>;
