// The office imports the roster at 07:55 from the desk browser while students check in at the door.
// Each PIN in the file is hashed with scrypt on the kiosk's only thread, so today a card check-in made
// while a 120-student import runs waits until the import has finished (seconds here; minutes for a
// whole school). The kiosk must keep answering the door during an import.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADMIN_SESSION_HEADER } from '../../src-preload/contract.js';
import { createCore } from '../core/app.js';
import { parseConfig } from '../core/config/load.js';
import { silentLogger } from '../core/log.js';
import { manualClock } from '../core/time/clock.js';
import { parseRoster } from '../core/people/roster.js';
import { importRoster } from '../core/people/roster-import.js';
import { openDatabase } from '../core/db/open.js';
import { tempDir } from '../test-support/temp-dir.js';
import { testTemplateKey } from '../test-support/template-key.js';
import { createHttpHost } from './http-host.js';

const defaults = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8'));
const dir = tempDir();
const rendererDir = join(dir, 'renderer');
mkdirSync(rendererDir);
writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>kiosk</title>');
const dataDir = join(dir, 'data');
mkdirSync(dataDir);

const HEADER = 'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n';
const row = (i: number) => `S${1000 + i},First${i},Last${i},7A,Guardian ${i},07400 ${String(100000 + i)},${String(4000 + i)}\n`;
// Ana is on the roster already; the import brings 120 new students, each with a PIN.
{
  const db = openDatabase(join(dataDir, 'rollcall.db'));
  const r = parseRoster(HEADER + '1001,Ana,Silva,7A,Maria Silva,07400 123456,4821\n', 'GB');
  assert.ok(r.ok);
  importRoster(db, r.students, new Date('2026-09-01T08:00:00Z'));
  db.close();
}
const roster = HEADER + '1001,Ana,Silva,7A,Maria Silva,07400 123456,\n' + Array.from({ length: 120 }, (_, i) => row(i)).join('');

const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
const core = createCore({ templateKey: testTemplateKey(), config: parseConfig(defaults), dataDir, clock, log: silentLogger });
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
  return (await res.json()) as Record<string, unknown>;
}

test('a card check-in made while the office imports a roster is answered before the import finishes', async () => {
  const token = (await invoke('admin:setup-pin', { itPin: '908172', officePin: '246810' })).token as string;
  const order: string[] = [];
  // The office's import starts first (as the desk browser's request reaches the core) ...
  const handlers = core.handlers as unknown as Record<string, (req: unknown, ctx: unknown) => unknown>;
  const importing = Promise.resolve(
    handlers['people:import-apply']!({ format: 'roster', files: { 'roster.csv': roster } }, { session: { token, role: 'office' } }),
  ).then((r) => {
    order.push('import');
    return r as Record<string, unknown>;
  });
  // ... and Ana taps her card at the door while it runs.
  const checkIn = invoke('kiosk:check-in-card', { code: '1001' }).then((r) => {
    order.push('check-in');
    return r;
  });
  const [imported, checked] = await Promise.all([importing, checkIn]);
  assert.equal(imported.ok, true, JSON.stringify(imported));
  assert.equal(checked.outcome, 'recorded');
  assert.deepEqual(order, ['check-in', 'import'], 'the door waited for the whole import');
});
