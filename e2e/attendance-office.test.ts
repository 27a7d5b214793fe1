// The front office runs the day's attendance from the admin screen, in Chromium against the serve
// host, signed in with the office PIN and typing only on the on-screen keyboard: a kiosk check-in
// shows up on the live board, a manual check-in with its reason, a correction that the CSV export
// (in the screen and from the command line) carries, and a report for a class.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { runScript, startServe, type ServeProcess } from './support/serve-process.js';
import { OFFICE_PIN, launchBrowser, openPage, screenshot, setUpPins, signIn, tapEnter, tapKeys, writeSchoolConfig } from './support/admin.js';

// Monday 7 December 2026, 07:05 in London (UTC+0): the morning's check-in window is open.
const NOW = '2026-12-07T07:05:00Z';
const dir = tempDir('rollcall-office-');
const dataDir = join(dir, 'data');
let serve: ServeProcess;
let browser: Browser;

const ROSTER = [
  'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin',
  '1001,Ana,Silva,7A,Maria Silva,07400 100001,4821',
  '1002,Ben,Okafor,7A,Ada Okafor,07400 100002,',
  '1003,Cara,Diaz,7B,Luis Diaz,07400 100003,',
  '1004,Dev,Patel,7B,Raj Patel,07400 100004,',
  '1005,Eve,Novak,7B,Ida Novak,07400 100005,',
].join('\n');

function db() {
  return new Database(join(dataDir, 'rollcall.db'));
}

before(async () => {
  writeFileSync(join(dir, 'roster.csv'), ROSTER + '\n');
  const imported = await runScript('src-main/cli/import.ts', ['--data-dir', dataDir, '--roster', join(dir, 'roster.csv')]);
  assert.equal(imported.code, 0, imported.stderr);
  // The import stamps the machine's real date; this school's roster came at the start of term, so the
  // week before the drill's Monday counts in reports.
  const d = db();
  d.prepare("UPDATE students SET created_at = '2026-09-01T08:00:00.000Z'").run();
  d.close();
  serve = await startServe(['--data-dir', dataDir, '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
  const page = await openPage(browser, serve.url, '#admin');
  await page.getByTestId('admin-setup').waitFor();
  await setUpPins(page);
  await page.getByTestId('admin-sign-out').click();
  await page.close();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

/** The admin screen on a desk-sized window, signed in as the office. */
async function officePage(): Promise<Page> {
  const page = await openPage(browser, serve.url, '#admin');
  await signIn(page, OFFICE_PIN);
  await page.getByTestId('admin-role').waitFor();
  return page;
}

async function openTab(page: Page, title: string) {
  await page.locator('.admin-tabs button', { hasText: title }).click();
}

const stateOf = (page: Page, number: string) => page.getByTestId(`student-${number}`).getAttribute('data-state');

test('a student who checks in at the kiosk by PIN appears on the office board without a reload', async () => {
  const office = await officePage();
  await office.getByTestId('board-live').waitFor();
  assert.equal(await stateOf(office, '1001'), 'not_arrived');
  assert.equal(await office.getByTestId('count-not_arrived').locator('.count-n').innerText(), '5');
  await screenshot(office, 'attendance-board-morning');

  const kiosk = await openPage(browser, serve.url);
  // The kiosk page has no admin session: the board and every attendance change are refused to it.
  const refused = await kiosk.evaluate(async () => (await fetch('api/invoke/attendance:board', { method: 'POST', body: '{}' })).status);
  assert.equal(refused, 401);
  await kiosk.getByTestId('pin-button').click();
  for (const d of '1001') await kiosk.getByTestId(`key-${d}`).click();
  await kiosk.getByTestId('key-ok').click();
  for (const d of '4821') await kiosk.getByTestId(`key-${d}`).click();
  await kiosk.getByTestId('key-ok').click();
  assert.equal(await kiosk.getByTestId('greeting').getAttribute('data-outcome'), 'recorded');
  await kiosk.close();

  // The board polls its version; the check-in shows within a poll.
  await office.locator('[data-testid="student-1001"][data-state="present"]').waitFor({ timeout: 15_000 });
  assert.equal(await office.getByTestId('count-present').locator('.count-n').innerText(), '1');
  assert.match(await office.getByTestId('student-1001').innerText(), /in 07:0\d · PIN/);
  await screenshot(office, 'attendance-board-after-kiosk');
  // The same board on the kiosk's own portrait touchscreen.
  await office.setViewportSize({ width: 1080, height: 1920 });
  await screenshot(office, 'attendance-board-kiosk-portrait');
  await office.close();
});

test('the office checks a student in by hand with a reason typed on the on-screen keyboard, and the guardian is texted', async () => {
  const office = await officePage();
  await office.getByTestId('student-1002').click();
  await office.getByTestId('student-sheet').waitFor();
  await screenshot(office, 'attendance-student-sheet');
  await office.getByTestId('session-morning').getByTestId('action-check-in').click();
  assert.equal(await office.getByTestId('action-confirm').isDisabled(), true);
  await office.getByTestId('reason-input').click();
  await office.getByTestId('on-screen-keyboard').waitFor();
  await tapKeys(office, 'came in with his dad');
  await screenshot(office, 'attendance-manual-check-in');
  assert.equal(await office.getByTestId('action-confirm').isDisabled(), false);
  await tapEnter(office);
  await office.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await office.getByTestId('sheet-close').click();
  await office.locator('[data-testid="student-1002"][data-state="present"]').waitFor();

  const d = db();
  const row = d
    .prepare("SELECT a.method, m.reason, m.entered_by AS actor FROM attendance a JOIN attendance_manual m ON m.attendance_id = a.id JOIN students s ON s.id = a.student_id WHERE s.student_number = '1002'")
    .get();
  const sms = d.prepare("SELECT phone_e164 AS phone, body FROM sms_outbox o JOIN students s ON s.id = o.student_id WHERE s.student_number = '1002'").all() as Array<{ phone: string; body: string }>;
  d.close();
  assert.deepEqual(row, { method: 'manual', reason: 'came in with his dad', actor: 'office' });
  assert.deepEqual(sms.map((m) => m.phone), ['+447400100002']);
  assert.match(sms[0]!.body, /^Good day! Your child Ben Okafor has checked in at 07:0\d\. - Hill School$/);
  await office.close();
});

test('a corrected time keeps the original on screen and appears in the CSV download and the command-line export', async () => {
  const office = await officePage();
  await office.getByTestId('student-1001').click();
  const sheet = office.getByTestId('student-sheet');
  await sheet.getByTestId('action-amend').click();
  const before = await office.getByTestId('time-value').innerText();
  await office.locator('.step', { hasText: '−5 min' }).click();
  const after = await office.getByTestId('time-value').innerText();
  await office.locator('.reason-presets .chip', { hasText: 'Kiosk queue at the gate' }).click();
  await office.getByTestId('action-confirm').click();
  await office.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  const history = await sheet.locator('.history').innerText();
  assert.match(history, new RegExp(`Recorded ${before}`));
  assert.match(history, new RegExp(`Changed to ${after} \\(on time\\) by office at \\d\\d:\\d\\d: “Kiosk queue at the gate”`));
  await screenshot(office, 'attendance-correction-history');
  await office.getByTestId('sheet-close').click();

  await openTab(office, 'Reports');
  await office.locator('.chip', { hasText: 'Today' }).click();
  await office.getByTestId('report').waitFor();
  const [download] = await Promise.all([office.waitForEvent('download'), office.getByTestId('download-records').click()]);
  assert.equal(download.suggestedFilename(), 'attendance-records-all-2026-12-07-to-2026-12-07.csv');
  const csv = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
  const anaLine = csv.split('\n').find((l) => l.includes(',1001,'));
  assert.equal(anaLine, `2026-12-07,${after}:00,1001,Ana Silva,check_in,on_time,pin,7A,yes,Kiosk queue at the gate`);

  const cli = await runScript('src-main/cli/export.ts', ['--data-dir', dataDir, '--from', '2026-12-07', '--to', '2026-12-07']);
  assert.equal(cli.code, 0, cli.stderr);
  assert.ok(cli.stdout.split('\n').includes(anaLine!), cli.stdout);
  await office.close();
});

test('a report for a class lists its students, their late counts and absences on school days only', async () => {
  const office = await officePage();
  await openTab(office, 'Reports');
  await office.locator('.chip', { hasText: 'Last week' }).click();
  await office.getByTestId('report-class-7B').click();
  const summary = office.getByTestId('report-summary');
  await summary.waitFor();
  assert.match(await office.locator('.report-title').innerText(), /^Class 7B · Mon 30 Nov to Sun 6 Dec · 5 school days$/);
  const rows = await summary.locator('tbody tr').allInnerTexts();
  assert.deepEqual(rows.map((r) => r.split('\t').map((c) => c.trim())), [
    ['Cara Diaz', '7B', '10', '0', '0', '10', '0'],
    ['Eve Novak', '7B', '10', '0', '0', '10', '0'],
    ['Dev Patel', '7B', '10', '0', '0', '10', '0'],
  ]);
  await screenshot(office, 'reports-class-summary');
  await office.getByTestId('tab-absences').click();
  await office.getByTestId('report-absences').locator('tbody tr').first().waitFor();
  assert.equal(await office.getByTestId('report-absences').locator('tbody tr').count(), 30);
  await screenshot(office, 'reports-class-absences');
  await office.getByTestId('tab-summary').click();
  await summary.locator('tbody tr', { hasText: 'Dev Patel' }).click();
  await office.getByTestId('student-history').waitFor();
  assert.match(await office.getByTestId('student-history').innerText(), /Attended 0 of 10 sessions · late 0 · absent 10/);
  await screenshot(office, 'reports-student-history');
  await office.close();
});

test('a past day opens in the Attendance tab, where an absence is excused', async () => {
  const office = await officePage();
  await openTab(office, 'Attendance');
  await office.getByTestId('board-date').waitFor();
  assert.match(await office.getByTestId('board-date').innerText(), /Sunday 6 December/);
  await office.locator('.step', { hasText: '◀ Day' }).click();
  await office.locator('.step', { hasText: '◀ Day' }).click();
  await office.getByTestId('board-date').filter({ hasText: 'Friday 4 December' }).waitFor();
  assert.equal(await office.getByTestId('count-absent').locator('.count-n').innerText(), '5');
  await office.getByTestId('student-1003').click();
  await office.getByTestId('session-morning').getByTestId('action-excuse-absence').click();
  await office.locator('.reason-presets .chip', { hasText: 'Illness, parent phoned' }).click();
  await office.getByTestId('action-confirm').click();
  await office.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await office.getByTestId('sheet-close').click();
  assert.match(await office.getByTestId('count-absent').innerText(), /1 excused/);
  await screenshot(office, 'attendance-past-day');
  await office.close();
});

test('a check-in the office removes no longer counts at the kiosk: the student checks in again as a new arrival, texted once more', async () => {
  const office = await officePage();
  await office.getByTestId('student-1001').click();
  const sheet = office.getByTestId('student-sheet');
  await sheet.getByTestId('action-void').click();
  await office.locator('.reason-presets .chip', { hasText: 'Card used by someone else' }).click();
  await office.getByTestId('action-confirm').click();
  await office.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await office.getByTestId('sheet-close').click();
  await office.locator('[data-testid="student-1001"][data-state="not_arrived"]').waitFor();

  const kiosk = await openPage(browser, serve.url);
  await kiosk.getByTestId('pin-button').click();
  for (const d of '1001') await kiosk.getByTestId(`key-${d}`).click();
  await kiosk.getByTestId('key-ok').click();
  for (const d of '4821') await kiosk.getByTestId(`key-${d}`).click();
  await kiosk.getByTestId('key-ok').click();
  assert.equal(await kiosk.getByTestId('greeting').getAttribute('data-outcome'), 'recorded');
  await screenshot(kiosk, 'attendance-kiosk-after-removal');
  await kiosk.close();

  await office.locator('[data-testid="student-1001"][data-state="present"]').waitFor({ timeout: 15_000 });
  await office.getByTestId('student-1001').click();
  // count() does not wait: let the sheet show both records first.
  await sheet.locator('.record-void').first().waitFor();
  await sheet.locator('.record:not(.record-void)').first().waitFor();
  assert.equal(await sheet.locator('.record-void').count(), 1);
  assert.equal(await sheet.locator('.record:not(.record-void)').count(), 1);
  // The removed one cannot be put back while the new arrival stands in its place.
  assert.equal(await sheet.getByTestId('action-restore').count(), 0);
  await screenshot(office, 'attendance-removed-and-new');
  const d = db();
  const texts = d
    .prepare("SELECT o.attendance_id AS attendanceId FROM sms_outbox o JOIN students s ON s.id = o.student_id WHERE s.student_number = '1001' ORDER BY o.id")
    .all() as Array<{ attendanceId: number }>;
  const records = d.prepare("SELECT a.id FROM attendance a JOIN students s ON s.id = a.student_id WHERE s.student_number = '1001' ORDER BY a.id").all() as Array<{ id: number }>;
  d.close();
  // One outbox row for the removed arrival (sent, or withheld had it not gone yet) and one for the new one.
  assert.deepEqual(texts.map((t) => t.attendanceId), records.map((r) => r.id));
  assert.equal(records.length, 2);
  await office.close();
});
