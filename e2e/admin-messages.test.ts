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
import { launchBrowser, openPage, screenshot, setUpPins, signIn, IT_PIN, tapKeys, typeOnKeyboard, writeSchoolConfig } from './support/admin.js';

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
  // The default sample name is plain, so the default wording previews as ordinary GSM-7.
  assert.match(await page.getByTestId('sms-rendered').innerText(), /Alex Morgan has checked in at/);
  assert.match(await numbers.innerText(), /^\d+ characters · GSM-7 · 1 segment$/);
  await page.getByTestId('sms-preview-samples').getByRole('radio', { name: 'Zoë Núñez' }).click();
  await page.getByTestId('sms-rendered').filter({ hasText: 'Zoë Núñez has checked in at' }).waitFor();
  assert.match(await numbers.innerText(), /^\d+ characters · UCS-2 · \d+ segments?$/);
  assert.match(await page.getByTestId('sms-test-mode').innerText(), /^Test mode: texts are written to the log, not sent/);
  assert.match(await page.getByTestId('sms-provider').innerText(), /Sends through\s+Log file only/);
  await screenshot(page, 'messages-it');
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.getByTestId('sms-limits').scrollIntoViewIfNeeded();
  await screenshot(page, 'messages-it-desk');
  await page.close();
});

test('IT rewrites the arrival text, raises the hourly limit and sends a test text with the on-screen keys only', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  await signIn(page, IT_PIN);
  await page.getByRole('button', { name: 'Messages' }).click();
  const osk = page.getByTestId('on-screen-keyboard');

  await page.getByTestId('sms-template-text').click();
  assert.equal(await osk.getAttribute('data-kind'), 'text', 'the wording gets the full keyboard');
  await osk.locator('[data-key="clear"]').click();
  await typeOnKeyboard(page, 'Hi, {first_name} is in');
  await page.getByTestId('sms-rendered').filter({ hasText: 'Hi, Alex is in' }).waitFor();
  assert.match(await page.getByTestId('sms-preview-numbers').innerText(), /^14 characters · GSM-7 · 1 segment$/);
  await screenshot(page, 'messages-template-keyboard');
  await page.getByTestId('sms-template-save').click();
  await page.getByTestId('sms-template-notice').waitFor();
  assert.equal(await page.getByTestId('sms-template-text').inputValue(), 'Hi, {first_name} is in');

  await page.getByTestId('sms-limit-hour').click();
  assert.equal(await osk.getAttribute('data-kind'), 'number', 'a limit gets the number pad');
  await osk.locator('[data-key="backspace"]').click();
  await osk.locator('[data-key="backspace"]').click();
  await tapKeys(page, '600');
  await page.getByTestId('sms-limits-save').click();
  assert.match(await page.getByTestId('sms-limits-notice').innerText(), /Saved/);
  await page.getByText('10 per minute, 600 per hour').waitFor();

  await page.getByTestId('sms-test-phone').click();
  assert.equal(await osk.getAttribute('data-kind'), 'phone');
  await tapKeys(page, '+447400100001');
  assert.equal(await page.getByTestId('sms-test-phone').inputValue(), '+447400100001');
  await screenshot(page, 'messages-test-number-keypad');
  await page.getByTestId('sms-send-test').click();
  assert.match(await page.getByTestId('sms-test-result').innerText(), /Test text queued/);

  // What was saved is what the kiosk now uses: a fresh Messages tab shows it.
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByRole('button', { name: 'Messages' }).click();
  await page.getByTestId('sms-rendered').filter({ hasText: 'Hi, Alex is in' }).waitFor();
  // The delivery log reads in the school's en-GB format and London time, and says the log provider sends nothing.
  const testRow = page.getByTestId('sms-log').locator('tr', { hasText: 'Test' });
  await testRow.waitFor();
  assert.match(await testRow.locator('td').first().innerText(), /^07\/12\/2026, 0[78]:\d\d$/);
  assert.match(await testRow.innerText(), /Written to the log \(test mode\)|Waiting/);
  await page.getByTestId('sms-log').scrollIntoViewIfNeeded();
  await screenshot(page, 'messages-delivery-log');
  await page.close();
});

test('a template with an unknown placeholder is refused when saved, with the reason under the wording', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  await signIn(page, IT_PIN);
  await page.getByRole('button', { name: 'Messages' }).click();
  await page.getByTestId('sms-template-type').getByRole('radio', { name: 'Absence' }).click();
  await page.getByTestId('sms-template-text').click();
  await page.getByTestId('on-screen-keyboard').locator('[data-key="clear"]').click();
  await typeOnKeyboard(page, '{name} is absent');
  assert.match(await page.getByTestId('sms-preview-error').innerText(), /unknown placeholder \{name\}/);
  await page.getByTestId('sms-template-save').click();
  await page.getByTestId('sms-template').locator('.field-error').filter({ hasText: /name/ }).waitFor();
  await page.close();
});

test('no admin tab has a field that needs a hardware keyboard', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  await signIn(page, IT_PIN);
  await page.getByTestId('admin-role').waitFor();
  const tabs = await page.locator('.admin-tabs button').allInnerTexts();
  assert.ok(tabs.length >= 8, `all of IT's tabs (${tabs.join(', ')})`);
  for (const tab of tabs) {
    await page.locator('.admin-tabs button', { hasText: tab }).click();
    await page.locator('.admin-body h1', { hasText: tab }).waitFor();
    await page.waitForLoadState('networkidle');
    const native = await page.locator('.admin select, .admin textarea:not([inputmode="none"]), .admin input:not([inputmode="none"]):not([type="file"]):not([type="checkbox"])').count();
    assert.equal(native, 0, `${tab}: every field types with the on-screen keys`);
  }
  await page.close();
});
