// Settings saved by an earlier version that this one refuses: the kiosk starts with the school's other
// settings in force, and the settings screen says what it runs without, so the office can set it again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { openDatabase } from '../src-main/core/db/open.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { IT_PIN, launchBrowser, openPage, screenshot, setUpPins, signIn, writeSchoolConfig } from './support/admin.js';

const NOW = '2026-12-07T07:55:00Z';
const dir = tempDir('rollcall-settings-older-');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'rollcall.db'));
  const older = {
    school: { name: 'Colegio Sierra' },
    schedule: { holidays: [{ from: '2026-12-08', to: '2026-12-08', name: 'Inmaculada Concepción', note: 'national holiday' }, { from: 'soon', to: '2026-12-09', name: 'Puente' }] },
  };
  db.prepare('INSERT INTO settings_overrides (id, doc, updated_at) VALUES (1, ?, ?)').run(JSON.stringify(older), NOW);
  db.close();
  serve = await startServe(['--data-dir', dataDir, '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

test('the settings screen lists the stored settings an earlier version accepted and this one runs without', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  await setUpPins(page);
  await page.close();
  const admin = await openPage(browser, serve.url, '#admin');
  await signIn(admin, IT_PIN);
  await admin.getByRole('button', { name: 'Settings' }).click();
  await admin.getByTestId('settings-section').waitFor();
  assert.equal(await admin.getByTestId('setting-school.name').inputValue(), 'Colegio Sierra');
  const notice = await admin.getByTestId('settings-ignored').innerText();
  assert.match(notice, /Holiday 1, note: is not a setting/);
  assert.match(notice, /Holiday 2, from: must be a date/);
  await screenshot(admin, 'settings-older-ignored');
  await admin.close();
});
