// A held absence report in the serve host: the kiosk recorded almost nobody, so the report is held;
// Today shows why and offers "Send the absence texts now", which still refuses while the records say
// most of the roll is missing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser } from 'playwright';
import Database from 'better-sqlite3';
import { openDatabase } from '../src-main/core/db/open.js';
import { parseConfig } from '../src-main/core/config/load.js';
import { importRoster } from '../src-main/core/people/roster-import.js';
import { parseRoster } from '../src-main/core/people/roster.js';
import { createCheckInService } from '../src-main/core/attendance/checkins.js';
import { createTemplateCipher } from '../src-main/core/recognition/template-cipher.js';
import { manualClock } from '../src-main/core/time/clock.js';
import { silentLogger } from '../src-main/core/log.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { launchBrowser, openPage, screenshot, setUpPins, writeSchoolConfig } from './support/admin.js';

// Monday 7 December 2026, 07:40 in London: the morning's check-in closed at 07:30.
const NOW = '2026-12-07T07:40:00Z';
const dir = tempDir('rollcall-held-');
const dataDir = join(dir, 'data');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  const defaults = JSON.parse(readFileSync(new URL('../config/default.json', import.meta.url), 'utf8'));
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(join(dataDir, 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 100001,1111\n' +
      '1002,Ben,Okafor,7A,Ada Okafor,07400 100002,2222\n' +
      '1003,Cara,Diaz,7B,Luis Diaz,07400 100003,3333\n' +
      '1004,Dev,Patel,7B,Raj Patel,07400 100004,4444\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  // The kiosk was off for most of the morning: it recorded Ana only.
  const checkIns = createCheckInService({ db, config: () => parseConfig(defaults), clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  clock.set(new Date('2026-12-07T07:10:00Z'));
  assert.equal(checkIns.checkInByPin('1001', '1111').outcome, 'recorded');
  db.close();
  serve = await startServe(['--data-dir', dataDir, '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

test('a held absence report shows its reason on Today, and sending it now still refuses while most of the roll has no arrival', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  await page.getByTestId('admin-setup').waitFor();
  await setUpPins(page);
  await page.getByRole('button', { name: 'Today' }).click();
  const held = page.getByTestId('held-absence-report');
  await held.waitFor();
  assert.match(await held.innerText(), /absence report held: 3 of 4 students have no arrival/);
  await screenshot(page, 'today-absence-held');
  await held.getByRole('button', { name: 'Send the absence texts now' }).click();
  await held.getByText(/^absence report held: 3 of 4/).last().waitFor();
  assert.equal(await held.getByRole('button', { name: 'Send the absence texts now' }).count(), 1, 'still held: the button stays');
  await page.close();
  const d = new Database(join(dataDir, 'rollcall.db'), { readonly: true });
  assert.equal(d.prepare("SELECT COUNT(*) FROM sms_outbox WHERE type = 'absence'").pluck().get(), 0);
  d.close();
});
