// A finger on the admin screen: with a field being typed into (the on-screen keyboard docked), the
// next tap on a key or on another control does what it says, in every section. The keyboard used to
// vanish at the press, the screen reflowed under the finger and the tap landed nowhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { runScript, startServe, type ServeProcess } from './support/serve-process.js';
import { OFFICE_PIN, launchBrowser, screenshot, setUpPins, signIn, writeSchoolConfig } from './support/admin.js';

// Monday 7 December 2026, 07:05 in London: the morning's check-in window is open.
const NOW = '2026-12-07T07:05:00Z';
const dir = tempDir('rollcall-admin-touch-');
const dataDir = join(dir, 'data');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  writeFileSync(join(dir, 'roster.csv'), 'student_number,first_name,last_name,class,guardian_name,guardian_phone\n1001,Ana,Silva,7A,Maria Silva,07400 100001\n1002,Ben,Okafor,7A,Ada Okafor,07400 100002\n');
  const imported = await runScript('src-main/cli/import.ts', ['--data-dir', dataDir, '--roster', join(dir, 'roster.csv')]);
  assert.equal(imported.code, 0, imported.stderr);
  serve = await startServe(['--data-dir', dataDir, '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(serve.url + '#admin');
  await setUpPins(page);
  await page.close();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

/** The kiosk's 1280×800 touchscreen: taps are touch events, as a finger makes them. */
async function touchScreen(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(serve.url + '#admin');
  await signIn(page, OFFICE_PIN);
  await page.getByTestId('admin-role').waitFor();
  return page;
}

async function tapOnKeyboard(page: Page, text: string): Promise<void> {
  const osk = page.getByTestId('on-screen-keyboard');
  for (const ch of text) await osk.locator(`[data-key="${ch === ' ' ? 'space' : ch}"]`).tap();
}

test('Settings: typing a holiday on the keys, then tapping "Add a holiday" adds one, with the name kept', async () => {
  const page = await touchScreen();
  await page.locator('.admin-tabs button', { hasText: 'Settings' }).tap();
  await page.getByTestId('add-holiday').tap();
  const name = page.getByTestId('holiday-0').getByLabel('Name (optional)');
  await name.scrollIntoViewIfNeeded();
  await name.tap();
  await page.getByTestId('on-screen-keyboard').waitFor();
  await tapOnKeyboard(page, 'inset day');
  assert.equal(await name.inputValue(), 'inset day', 'every key tap typed');
  await screenshot(page, 'touch-settings-holiday-typing');
  // The field sits at the bottom of the page, scrolled up above the keyboard: the layout the finger
  // aims at is the one with the keyboard up.
  await page.getByTestId('add-holiday').tap();
  await page.getByTestId('holiday-1').waitFor({ timeout: 3000 });
  assert.equal(await name.inputValue(), 'inset day');
  await page.context().close();
});

test('Today: a reason typed on the keys is confirmed by tapping Confirm, and the check-in is recorded', async () => {
  const page = await touchScreen();
  await page.getByTestId('student-1002').tap();
  await page.getByTestId('session-morning').getByTestId('action-check-in').tap();
  await page.getByTestId('reason-input').tap();
  await page.getByTestId('on-screen-keyboard').waitFor();
  await tapOnKeyboard(page, 'bus late');
  assert.equal(await page.getByTestId('reason-input').inputValue(), 'bus late');
  await screenshot(page, 'touch-today-reason');
  await page.getByTestId('action-confirm').tap();
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor({ timeout: 3000 });
  const d = new Database(join(dataDir, 'rollcall.db'));
  const reason = d.prepare("SELECT m.reason FROM attendance a JOIN attendance_manual m ON m.attendance_id = a.id JOIN students s ON s.id = a.student_id WHERE s.student_number = '1002'").pluck().get();
  d.close();
  assert.equal(reason, 'bus late');
  await page.context().close();
});

test('a press on the keyboard beside the keys keeps the keyboard up and the field focused', async () => {
  const page = await touchScreen();
  await page.locator('.admin-tabs button', { hasText: 'People' }).tap();
  await page.getByTestId('people-search').tap();
  const osk = page.getByTestId('on-screen-keyboard');
  const box = await osk.boundingBox();
  assert.ok(box);
  await page.touchscreen.tap(box.x + 12, box.y + box.height / 2);
  await osk.waitFor();
  await osk.locator('[data-key="o"]').tap();
  assert.equal(await page.getByTestId('people-search').inputValue(), 'o');
  await page.context().close();
});
