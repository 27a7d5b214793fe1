import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { createCore } from '../core/app.js';
import { parseConfig } from '../core/config/load.js';
import { silentLogger } from '../core/log.js';
import { manualClock } from '../core/time/clock.js';
import { tempDir } from '../test-support/temp-dir.js';
import { createHttpHost } from './http-host.js';
import { testTemplateKey } from '../test-support/template-key.js';

const defaults = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8'));
const dir = tempDir();
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
writeFileSync(join(rendererDir, 'icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(dir, 'secret.txt'), 'not for the page');
const core = createCore({
  config: parseConfig({ ...defaults, school: { ...defaults.school, name: 'Hill School' } }),
  dataDir: join(dir, 'data'),
  clock: manualClock(new Date('2026-12-07T07:52:00Z')),
  log: silentLogger,
  templateKey: testTemplateKey(),
});
const host = createHttpHost({ rendererDir, handlers: core.handlers, log: silentLogger, port: 0 });
await core.start();
await host.start();
after(async () => {
  await host.stop();
  await core.stop();
});

function call(path: string, opts: { method?: string; body?: string; headers?: Record<string, string> } = {}) {
  const url = new URL(path, host.url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: { 'content-type': 'application/json', ...opts.headers } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

test('the kiosk page is served with a policy that allows no other origin', async () => {
  const r = await call('/');
  assert.equal(r.status, 200);
  assert.match(String(r.headers['content-security-policy']), /connect-src 'self'/);
  assert.match(String(r.headers['content-security-policy']), /default-src 'self'/);
});

test('a browser asking for /favicon.ico gets the app icon, not a 404', async () => {
  const r = await call('/favicon.ico');
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'image/svg+xml');
  assert.equal(r.body, '<svg xmlns="http://www.w3.org/2000/svg"/>');
});

test('a channel answers with the contract shape', async () => {
  const r = await call('/api/invoke/kiosk:status', { method: 'POST', body: '{}' });
  assert.equal(r.status, 200);
  const body = JSON.parse(r.body);
  assert.equal(body.schoolName, 'Hill School');
  assert.equal(body.localTime, '07:52');
  assert.equal(body.session, 'morning');
});

test('a request that breaks the contract is refused with the reason', async () => {
  const r = await call('/api/invoke/kiosk:check-in-pin', { method: 'POST', body: JSON.stringify({ studentNumber: '1001', pin: 'abc' }) });
  assert.equal(r.status, 400);
  assert.deepEqual(JSON.parse(r.body).issues, ['pin: PIN must be 4 to 8 digits']);
});

test('malformed JSON and unknown channels are refused', async () => {
  assert.equal((await call('/api/invoke/kiosk:status', { method: 'POST', body: '{' })).status, 400);
  assert.equal((await call('/api/invoke/kiosk:shutdown', { method: 'POST', body: '{}' })).status, 404);
});

test('a page from another origin cannot drive the kiosk', async () => {
  const r = await call('/api/invoke/kiosk:check-in-card', { method: 'POST', body: '{"code":"1001"}', headers: { origin: 'http://evil.example' } });
  assert.equal(r.status, 403);
});

test('a page opened at localhost or [::1] on the same port drives the kiosk like one at 127.0.0.1', async () => {
  const port = new URL(host.url).port;
  for (const origin of [`http://localhost:${port}`, `http://[::1]:${port}`, `http://127.0.0.1:${port}`]) {
    const r = await call('/api/invoke/kiosk:status', { method: 'POST', body: '{}', headers: { origin } });
    assert.equal(r.status, 200, origin);
  }
  const otherPort = await call('/api/invoke/kiosk:status', { method: 'POST', body: '{}', headers: { origin: `http://localhost:${Number(port) + 1}` } });
  assert.equal(otherPort.status, 403);
});

test('a request naming another host is refused (DNS rebinding)', async () => {
  const r = await call('/', { headers: { host: 'evil.example:80' } });
  assert.equal(r.status, 421);
});

test('files outside the renderer folder cannot be read', async () => {
  assert.equal((await call('/..%2Fsecret.txt')).status, 404);
  assert.equal((await call('/../secret.txt')).status, 404);
});

test('a file path with broken percent-encoding is not found, not a server error', async () => {
  assert.equal((await call('/%E0%A4%A')).status, 404);
  assert.equal((await call('/assets/%zz.js')).status, 404);
});

test('an oversized body is refused', async () => {
  const r = await call('/api/invoke/kiosk:check-in-card', { method: 'POST', body: JSON.stringify({ code: 'x'.repeat(300_000) }) });
  assert.equal(r.status, 413);
});
