// Role enforcement over real HTTP: the serve host checks the session token's role before a handler runs.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_SESSION_HEADER } from '../../src-preload/contract.js';
import { createCore } from '../core/app.js';
import { parseConfig } from '../core/config/load.js';
import { silentLogger } from '../core/log.js';
import { manualClock } from '../core/time/clock.js';
import { tempDir } from '../test-support/temp-dir.js';
import { createHttpHost } from './http-host.js';
import { testTemplateKey } from '../test-support/template-key.js';
import { readSetupCode } from '../test-support/setup-code.js';

const defaults = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8'));
const dir = tempDir();
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
const core = createCore({ templateKey: testTemplateKey(), config: parseConfig(defaults), dataDir: join(dir, 'data'), clock, log: silentLogger });
const host = createHttpHost({ rendererDir, handlers: core.handlers, sessions: core.sessions, log: silentLogger, port: 0 });
await core.start();
await host.start();
after(async () => {
  await host.stop();
  await core.stop();
});

async function invoke(channel: string, body: unknown, token?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers[ADMIN_SESSION_HEADER] = token;
  const res = await fetch(new URL(`api/invoke/${channel}`, host.url), { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

test('over HTTP, first-run setup is refused without the setup code IT reads from the data folder, and works once with it', async () => {
  const status = await invoke('admin:status', {});
  assert.equal(status.body.setUp, false);
  assert.equal(status.body.setupCodeFile, join(dir, 'data', 'setup-code.txt'));
  const noCode = await invoke('admin:setup-pin', { itPin: '111111', officePin: '222222' });
  assert.equal(noCode.status, 400);
  const guessed = await invoke('admin:setup-pin', { setupCode: '12345678', itPin: '111111', officePin: '222222' });
  assert.deepEqual(guessed.body, { ok: false, reason: 'wrong_setup_code', attemptsLeft: 4 });
  assert.equal((await invoke('admin:login', { pin: '111111' })).body.reason, 'not_set_up');
});

test('admin channels over HTTP: no token is 401, an office token on an IT channel is 403, IT gets through', async () => {
  const setup = await invoke('admin:setup-pin', { setupCode: readSetupCode(join(dir, 'data')), itPin: '908172', officePin: '246810' });
  assert.equal(setup.body.reason, 'signed_in');
  assert.equal((await invoke('admin:status', {})).body.setupCodeFile, null);
  assert.equal(setup.status, 200);
  const itToken = setup.body.token as string;
  const office = await invoke('admin:login', { pin: '246810' });
  assert.equal(office.body.role, 'office');
  const officeToken = office.body.token as string;

  assert.equal((await invoke('admin:audit', {})).status, 401);
  const refused = await invoke('admin:audit', {}, officeToken);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error, 'This needs the IT PIN');
  assert.equal((await invoke('admin:audit', {}, 'made-up-token')).status, 401);
  const allowed = await invoke('admin:audit', { limit: 5 }, itToken);
  assert.equal(allowed.status, 200);
  assert.ok(Array.isArray(allowed.body));

  assert.equal((await invoke('admin:change-pin', { role: 'office', currentPin: '246810', newPin: '135790' }, officeToken)).status, 200);
  assert.equal((await invoke('kiosk:status', {})).status, 200, 'the kiosk itself needs no session');
});

test('a session left idle past admin.idleMinutes is refused', async () => {
  const login = await invoke('admin:login', { pin: '908172' });
  const token = login.body.token as string;
  assert.equal((await invoke('admin:audit', {}, token)).status, 200);
  clock.advance(5 * 60_000);
  assert.equal((await invoke('admin:audit', {}, token)).status, 401);
});

test('the kiosk’s own calls carrying the token do not keep an admin session alive', async () => {
  const login = await invoke('admin:login', { pin: '908172' });
  const token = login.body.token as string;
  clock.advance(3 * 60_000);
  assert.equal((await invoke('kiosk:status', {}, token)).status, 200);
  clock.advance(2 * 60_000);
  assert.equal((await invoke('admin:audit', {}, token)).status, 401);
});
