// A static file server on 127.0.0.1 for browser tests: serves a folder, plus named URL paths mapped to
// single files elsewhere (a package's bundle, a fixture photo), with the same extra headers (a CSP,
// say) on every response.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, resolve, sep } from 'node:path';

export interface StaticServerOptions {
  root: string;
  /** Sent with every response, errors included. */
  headers?: Record<string, string>;
  /** URL path (e.g. "/vision_bundle.mjs") -> file path; checked before `root`. */
  routes?: Record<string, string>;
}

export interface StaticServer {
  /** Origin without a trailing slash, e.g. "http://127.0.0.1:41234". */
  url: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.tflite': 'application/octet-stream',
  '.bin': 'application/octet-stream',
  '.data': 'application/octet-stream',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
};

export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const root = resolve(options.root);
  const headers = options.headers ?? {};
  const routes = new Map(Object.entries(options.routes ?? {}).map(([path, file]) => [path, resolve(file)]));

  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, 'method not allowed');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname);
    } catch {
      return reply(res, 400, 'bad path');
    }
    const file = routes.get(pathname) ?? insideRoot(root, pathname);
    if (file === undefined) return reply(res, 404, 'not found');
    void stat(file)
      .catch(() => undefined)
      .then((info) => {
        // A folder's page must be fetched as "folder/" or its relative links resolve one level up.
        if (info?.isDirectory()) return redirect(res, url.pathname + '/' + url.search);
        if (!info?.isFile()) return reply(res, 404, 'not found');
        sendFile(file, info.size, req.method === 'HEAD', res);
      });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()));
        // Browsers keep connections alive; without this close() waits for them to time out.
        server.closeAllConnections();
      }),
  };
}

/** The file a URL path names under root, or undefined if the path tries to leave root. */
function insideRoot(root: string, pathname: string): string | undefined {
  const file = resolve(root, '.' + (pathname.endsWith('/') ? pathname + 'index.html' : pathname));
  return file === root || file.startsWith(root + sep) ? file : undefined;
}

function sendFile(file: string, size: number, headOnly: boolean, res: ServerResponse): void {
  res.writeHead(200, {
    'content-type': contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'content-length': size,
    'cache-control': 'no-store',
  });
  if (headOnly) return void res.end();
  createReadStream(file)
    .on('error', (err) => res.destroy(err))
    .pipe(res);
}

function redirect(res: ServerResponse, location: string): void {
  res.writeHead(301, { location });
  res.end();
}

function reply(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
