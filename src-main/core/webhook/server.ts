// The delivery-report listener: a small HTTP server hardened for the open network (reliability.md §5,
// timeouts and header limits in http/hardened-listener.ts); bodies are capped while streaming, not
// only by Content-Length; each route answers first and does its work after the response is sent. A
// route may answer later (a promise), e.g. once what it was sent is stored durably.
import type { IncomingHttpHeaders } from 'node:http';
import { startListener, type Listener } from '../http/hardened-listener.js';
import type { Logger } from '../log.js';

export interface WebhookRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** The query string including '?', or '' (Twilio signs it). */
  search: string;
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

export interface WebhookAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Work to do once the answer is on its way. */
  after?: () => void;
}

export type WebhookRoute = (req: WebhookRequest) => WebhookAnswer | Promise<WebhookAnswer>;

export interface WebhookServerOptions {
  host: string;
  port: number;
  route: WebhookRoute;
  log: Logger;
  maxBodyBytes?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Told about requests refused before any route saw them, and routes that threw (metrics). */
  onRefused?: (why: 'too_large' | 'error') => void;
}

export interface WebhookServer {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The bound port (useful with port 0); only after start(). */
  port(): number;
}

export function createWebhookServer(opts: WebhookServerOptions): WebhookServer {
  const maxBodyBytes = opts.maxBodyBytes ?? 16 * 1024;
  let listener: Listener | undefined;

  function handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
    const declared = Number(req.headers['content-length'] ?? 0);
    const tooLarge = () => {
      opts.onRefused?.('too_large');
      refuseTooLarge(res);
    };
    if (declared > maxBodyBytes) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (c: Buffer) => {
      if (refused) return;
      size += c.length;
      if (size > maxBodyBytes) {
        refused = true;
        tooLarge();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => {
      if (refused) return;
      const url = new URL(req.url ?? '/', 'http://webhook');
      const request = { method: req.method ?? 'GET', path: url.pathname, search: url.search, headers: req.headers, rawBody: Buffer.concat(chunks) };
      // A route that throws and one whose promise rejects are answered alike.
      new Promise<WebhookAnswer>((resolve) => resolve(opts.route(request))).then(
        (answer) => answerWith(res, answer),
        (e: unknown) => answerWith(res, failure(e)),
      );
    });
    req.on('error', () => res.destroy());
  }

  function failure(e: unknown): WebhookAnswer {
    // A busy or full database is transient: the sender retries on anything but 2xx.
    const code = (e as { code?: string }).code ?? '';
    opts.log.error('webhook request failed', { error: (e as Error).message, code });
    opts.onRefused?.('error');
    return code.startsWith('SQLITE_BUSY') || code === 'SQLITE_FULL'
      ? { status: 503, body: { error: 'temporarily unavailable' }, headers: { 'retry-after': '5' } }
      : { status: 500, body: { error: 'internal error' } };
  }

  function answerWith(res: import('node:http').ServerResponse, answer: WebhookAnswer): void {
    send(res, answer);
    const after = answer.after;
    if (!after) return;
    res.once('finish', () =>
      setImmediate(() => {
        try {
          after();
        } catch (e) {
          opts.log.error('webhook work after the answer failed', { error: (e as Error).message });
        }
      }),
    );
  }

  return {
    async start() {
      if (listener) return;
      listener = await startListener(opts.host, opts.port, { headersTimeoutMs: opts.headersTimeoutMs ?? 10_000, requestTimeoutMs: opts.requestTimeoutMs ?? 15_000 }, handle);
      opts.log.info('webhook server listening', { host: opts.host, port: listener.port });
    },
    async stop() {
      const l = listener;
      if (!l) return;
      listener = undefined;
      // Slow or stuck senders must not hold shutdown; they retry.
      await l.close(1_000);
    },
    port() {
      if (!listener) throw new Error('webhook server is not started');
      return listener.port;
    },
  };
}

function send(res: import('node:http').ServerResponse, a: WebhookAnswer): void {
  const payload = a.body === undefined ? '' : JSON.stringify(a.body);
  res.writeHead(a.status, {
    ...(payload ? { 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(payload)) } : {}),
    ...a.headers,
  });
  res.end(payload);
}

function refuseTooLarge(res: import('node:http').ServerResponse): void {
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ error: 'request body too large' }));
}
