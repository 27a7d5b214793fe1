// The delivery-report service: the hardened listener with the SMS routes, started after the database
// and stopped before it. At start it applies any report stored but not yet applied when the kiosk stopped.
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
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
  /** Called after reports were applied to the outbox (tests wait on it; metrics count it). */
  onApplied?: (count: number) => void;
  /** Counts requests by result and the states the reports moved texts to. */
  metrics?: Metrics;
}

export function createSmsWebhookService(deps: SmsWebhookServiceDeps) {
  const reports = createDeliveryReports(deps);
  let boundPort = deps.port;
  const { route, counters } = createSmsWebhookRoute({
    reports,
    secrets: deps.secrets,
    clock: deps.clock,
    log: deps.log,
    port: () => boundPort,
    ...(deps.onApplied ? { onApplied: deps.onApplied } : {}),
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
    stop: () => server.stop(),
    port: () => server.port(),
  };
}

export type SmsWebhookService = ReturnType<typeof createSmsWebhookService>;
