// The admin screen's Messages tab in Chromium against the serve host: IT sees capacity with its
// remedies when the school is bigger than the SMS limit allows, the template preview counts
// characters and segments, and the delivery log lists the texts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { openDatabase } from '../src-main/core/db/open.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { launchBrowser, openPage, screenshot, setUpPins, writeSchoolConfig } from './support/admin.js';

// Monday 7 December 2026, 07:55 in London.
const NOW = '2026-12-07T07:55:00Z';
const dir = tempDir('rollcall-admin-sms-');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  // 300 guardians to text each morning, at 60 an hour: the capacity warning must show.
  mkdirSync(join(dir, 'data'), { recursive: true });
  const db = openDatabase(join(dir, 'data', 'rollcall.db'));
  const at = NOW;
  const s = Number(db.prepare(`INSERT INTO students (student_number, first_name, last_name, created_at, updated_at) VALUES ('1001', 'Zoë', 'Núñez', ?, ?)`).run(at, at).lastInsertRowid);
  for (let i = 0; i < 300; i++) {
    const g = Number(db.prepare('INSERT INTO guardians (name, phone_e164, created_at, updated_at) VALUES (?, ?, ?, ?)').run(`Guardian ${i}`, `+4474001${String(i).padStart(5, '0')}`, at, at).lastInsertRowid);
    db.prepare('INSERT INTO student_guardians (student_id, guardian_id) VALUES (?, ?)').run(s, g);
  }
  db.close();
  serve = await startServe(['--data-dir', join(dir, 'data'), '--config', writeSchoolConfig(dir, { webhook: { port: 0, host: '127.0.0.1' } }), '--now', NOW]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

test('IT sees that a morning cannot be texted at 60 an hour, with the remedies, and a template preview with its encoding', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  await page.getByTestId('admin-setup').waitFor();
  await setUpPins(page);
  await page.getByRole('button', { name: 'Messages' }).click();
  const warning = page.getByTestId('sms-capacity-warning');
  await warning.waitFor();
  assert.match(await warning.innerText(), /about 300 arrival texts; at 60\/h only 120 can be sent/);
  assert.match(await warning.innerText(), /Raise sms\.limits\.perHour[\s\S]*second gateway phone[\s\S]*late-arrival and absence[\s\S]*Twilio/);
  const numbers = page.getByTestId('sms-preview-numbers');
  await numbers.waitFor();
  assert.match(await numbers.innerText(), /^\d+ characters · UCS-2 · 1 segment$/);
  assert.match(await page.getByTestId('sms-rendered').innerText(), /Zoë Núñez has checked in at/);
  await screenshot(page, 'messages-it');
  await page.close();
});
