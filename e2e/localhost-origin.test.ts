// The serve host accepts requests addressed to localhost (its Host check allows it), so a school that
// opens the kiosk at http://localhost:PORT/ must get a working kiosk, not one whose every check-in is
// refused as cross-origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { launchBrowser, openPage, writeSchoolConfig } from './support/admin.js';

const dir = tempDir('rollcall-localhost-');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  serve = await startServe(['--data-dir', join(dir, 'data'), '--config', writeSchoolConfig(dir), '--now', '2026-12-07T07:05:00Z']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

test('the kiosk opened at http://localhost:PORT/ can ask the core for its status', async () => {
  const atLocalhost = serve.url.replace('127.0.0.1', 'localhost');
  const page = await openPage(browser, atLocalhost);
  const status = await page.evaluate(async () => {
    const r = await fetch('/api/invoke/kiosk:status', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return { code: r.status, body: await r.text() };
  });
  assert.equal(status.code, 200, status.body);
  await page.close();
});
