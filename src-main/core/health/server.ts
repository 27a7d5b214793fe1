// The health and metrics server IT polls (port 8080 by default, the seed's port and routes). Every
// answer comes from the monitor's cache; nothing here touches the database, the camera or the network.
// /ping and /health/live are always open; the rest need the bearer token when one is configured.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { startListener, type Listener } from '../http/hardened-listener.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import type { HealthMonitor } from './monitor.js';
import { httpStatusFor } from './report.js';

export const HEALTH_CONTENT_TYPE = 'application/health+json';
/** Matches the sampling period: a poller hitting faster only gets the same document. */
const CACHE_CONTROL = 'max-age=10';

export interface HealthServerOptions {
  monitor: HealthMonitor;
  metrics: Metrics;
  clock: Clock;
  log: Logger;
  host: string;
  port: number;
  /** When set, the detailed endpoints need `Authorization: Bearer <token>`. */
  token?: string;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

export function createHealthServer(opts: HealthServerOptions) {
  let listener: Listener | null = null;
  let port = 0;
  const expected = opts.token ? digest(opts.token) : null;

  function authorised(req: IncomingMessage): boolean {
    if (!expected) return true;
    const m = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    // Compare digests so neither the length nor the content of the token leaks through timing.
    return m !== null && timingSafeEqual(digest(m[1]!), expected);
  }

  function send(res: ServerResponse, status: number, type: string, body: string, extra: Record<string, string> = {}) {
    res.writeHead(status, { 'content-type': type, 'cache-control': CACHE_CONTROL, 'x-content-type-options': 'nosniff', ...extra });
    res.end(body);
  }
  // The documents change once per sample; pollers in between get the same text.
  const texts = new WeakMap<object, string>();
  const textOf = (doc: object) => {
    let t = texts.get(doc);
    if (t === undefined) texts.set(doc, (t = JSON.stringify(doc)));
    return t;
  };
  const health = (res: ServerResponse, doc: { status: 'pass' | 'warn' | 'fail' } | null) =>
    doc
      ? send(res, httpStatusFor(doc.status), HEALTH_CONTENT_TYPE, textOf(doc))
      : send(res, 503, HEALTH_CONTENT_TYPE, JSON.stringify({ status: 'fail', output: 'starting' }));
  const json = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body));

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') return json(res, 405, { error: 'Use GET' });
    const path = new URL(req.url ?? '/', 'http://health').pathname.replace(/\/+$/, '') || '/';
    if (path === '/ping') return json(res, 200, { status: 'ok', timestamp: opts.clock.now().toISOString() });
    if (path === '/health/live') return health(res, opts.monitor.live());
    if (!authorised(req)) {
      return send(res, 401, 'application/json', JSON.stringify({ error: 'Unauthorized' }), { 'www-authenticate': 'Bearer realm="rollcall-health"' });
    }
    switch (path) {
      case '/health':
        return health(res, opts.monitor.health());
      case '/health/ready':
        return health(res, opts.monitor.ready());
      case '/metrics':
        return send(res, 200, opts.metrics.contentType, await opts.metrics.text(), { 'cache-control': 'no-store' });
      case '/health/system':
      case '/health/database':
      case '/health/components': {
        const seed = opts.monitor.seed();
        if (!seed) return json(res, 503, { status: 'unknown', message: 'starting' });
        return json(res, 200, seed[path.slice('/health/'.length) as 'system' | 'database' | 'components']);
      }
      default:
        return json(res, 404, { error: 'Not found' });
    }
  }

  return {
    get port() {
      return port;
    },
    get url() {
      return `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
    },
    async start() {
      // Pollers are short requests; slow or idle sockets are closed quickly.
      listener = await startListener(opts.host, opts.port, { headersTimeoutMs: 5_000, requestTimeoutMs: 10_000 }, (req, res) => {
        route(req, res).catch((e: Error) => {
          opts.log.error('health request failed', { error: e.message });
          if (!res.headersSent) json(res, 500, { error: 'Internal error' });
          else res.end();
        });
      });
      port = listener.port;
    },
    async stop() {
      const l = listener;
      listener = null;
      await l?.close(0);
    },
  };
}

export type HealthServer = ReturnType<typeof createHealthServer>;
