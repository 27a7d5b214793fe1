// The serve host: the built renderer and the contract over HTTP, on loopback only, so any Chromium on
// the same box can be the kiosk. Every request is validated against the contract before a handler runs.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { ADMIN_SESSION_HEADER, channelRole, channels, isChannel, type ChannelDef } from '../../src-preload/contract.js';
import type { Handlers } from '../core/app.js';
import { callerSession, checkChannelAccess, type SessionLookup } from '../core/access/authorize.js';
import type { Logger } from '../core/log.js';
import { rendererFile } from '../core/shell-policy/renderer-file.js';

/**
 * The page may talk to nobody but its own origin (MediaPipe's metrics beacon included); WASM needs
 * 'wasm-unsafe-eval'; the camera preview is a MediaStream.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.data': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

const MAX_BODY = 256 * 1024;

export interface HttpHostOptions {
  rendererDir: string;
  handlers: Handlers;
  /** Admin sessions (the core's); without it every channel that has a role answers 401. */
  sessions?: SessionLookup;
  log: Logger;
  host?: string;
  port: number;
}

export function createHttpHost(opts: HttpHostOptions) {
  let server: Server | null = null;
  let origin = '';
  // The Host check admits every loopback name, so the page may have been opened at any of them.
  let loopbackOrigins = new Set<string>();

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string) {
    let rel: string;
    try {
      rel = rendererFile(pathname);
    } catch {
      return send(res, 404, 'text/plain', 'Not found');
    }
    const file = normalize(join(opts.rendererDir, rel));
    if (!file.startsWith(normalize(opts.rendererDir) + sep)) return send(res, 404, 'text/plain', 'Not found');
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(res, 404, 'text/plain', 'Not found');
      const body = await readFile(file);
      const headers: Record<string, string> = {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': extname(file) === '.html' ? 'no-cache' : 'public, max-age=3600',
      };
      res.writeHead(200, headers);
      res.end(req.method === 'HEAD' ? undefined : body);
    } catch {
      send(res, 404, 'text/plain', 'Not found');
    }
  }

  async function invoke(req: IncomingMessage, res: ServerResponse, channel: string) {
    if (!isChannel(channel)) return sendJson(res, 404, { error: `Unknown channel ${channel}` });
    // A page from another origin must not drive the kiosk (CSRF / DNS rebinding).
    const from = req.headers.origin;
    if (from !== undefined && !loopbackOrigins.has(from)) return sendJson(res, 403, { error: 'Cross-origin request refused' });
    let raw: string;
    try {
      raw = await readBody(req, (channels[channel] as ChannelDef).maxBodyBytes ?? MAX_BODY);
    } catch (e) {
      return sendJson(res, 413, { error: (e as Error).message });
    }
    let json: unknown;
    try {
      json = raw === '' ? {} : JSON.parse(raw);
    } catch {
      return sendJson(res, 400, { error: 'Body is not valid JSON' });
    }
    const parsed = channels[channel].request.safeParse(json);
    if (!parsed.success) {
      return sendJson(res, 400, {
        error: 'Request does not match the contract',
        issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`),
      });
    }
    const session = callerSession(channel, req.headers[ADMIN_SESSION_HEADER], opts.sessions);
    const access = checkChannelAccess(channelRole(channel), session);
    if (!access.ok) return sendJson(res, access.status, { error: access.error });
    try {
      const handler = opts.handlers[channel] as (r: unknown, ctx: { session: typeof session }) => unknown;
      sendJson(res, 200, await handler(parsed.data, { session }));
    } catch (e) {
      opts.log.error('handler failed', { channel, error: (e as Error).message });
      sendJson(res, 500, { error: 'The kiosk could not complete this request' });
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(host)) return send(res, 421, 'text/plain', 'Misdirected request');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/invoke/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST' });
      return invoke(req, res, url.pathname.slice('/api/invoke/'.length));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain', 'Method not allowed');
    return serveStatic(req, res, url.pathname);
  }

  return {
    get url() {
      return `${origin}/`;
    },
    async start() {
      server = createServer((req, res) => {
        route(req, res).catch((e: Error) => {
          opts.log.error('request failed', { error: e.message });
          if (!res.headersSent) send(res, 500, 'text/plain', 'Internal error');
        });
      });
      server.headersTimeout = 10_000;
      server.requestTimeout = 30_000;
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(opts.port, opts.host ?? '127.0.0.1', () => resolve());
      });
      const { port } = server.address() as AddressInfo;
      origin = `http://127.0.0.1:${port}`;
      loopbackOrigins = new Set([origin, `http://localhost:${port}`, `http://[::1]:${port}`]);
    },
    async stop() {
      if (!server) return;
      const s = server;
      server = null;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
    },
  };
}

function send(res: ServerResponse, status: number, type: string, body: string) {
  res.writeHead(status, { 'content-type': type, 'content-security-policy': CONTENT_SECURITY_POLICY });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let tooLarge = false;
    const chunks: Buffer[] = [];
    // Past the limit the rest is drained unread, so the client still gets the 413 answer.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) tooLarge = true;
      else chunks.push(c);
    });
    req.on('end', () => (tooLarge ? reject(new Error(`Body larger than ${limit} bytes`)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}
