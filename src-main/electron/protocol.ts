// The renderer is served from a privileged app:// scheme instead of file://, so the page has a real
// origin that CSP, permissions and the request filter can name.
import { net, protocol } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_SECURITY_POLICY } from '../serve/http-host.js';
import { APP_HOST, APP_SCHEME } from '../core/shell-policy/origin.js';
import { OUT_OF_ORDER_PATH, outOfOrderPage } from '../core/shell-policy/out-of-order-page.js';
import { rendererFile } from '../core/shell-policy/renderer-file.js';

export { APP_ORIGIN, APP_SCHEME } from '../core/shell-policy/origin.js';

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
  ]);
}

export function serveRenderer(rendererDir: string, opts: { schoolName: string } = { schoolName: 'school' }): void {
  const root = normalize(rendererDir);
  const securityHeaders = { 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' };
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found', { status: 404 });
    if (url.pathname === OUT_OF_ORDER_PATH) {
      return new Response(outOfOrderPage(opts.schoolName), { headers: { ...securityHeaders, 'content-type': 'text/html; charset=utf-8' } });
    }
    const file = normalize(join(root, rendererFile(url.pathname)));
    if (!file.startsWith(root + sep)) return new Response('Not found', { status: 404 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    for (const [k, v] of Object.entries(securityHeaders)) headers.set(k, v);
    return new Response(res.body, { status: res.status, headers });
  });
}
