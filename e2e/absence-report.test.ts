// The absence report in the serve host: a kiosk that starts after check-in closed catches up with the
// report, the texts go out through the configured provider, and the office's Today board shows whom
// the report texted.
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
const dir = tempDir('rollcall-absence-');
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
  // The kiosk recorded the morning until it was switched off at 07:25.
  const checkIns = createCheckInService({ db, config: () => parseConfig(defaults), clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  clock.set(new Date('2026-12-07T07:10:00Z'));
  for (const [n, pin] of [['1001', '1111'], ['1003', '3333'], ['1004', '4444']]) assert.equal(checkIns.checkInByPin(n!, pin!).outcome, 'recorded');
  db.close();
  serve = await startServe(['--data-dir', dataDir, '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

test('a kiosk switched on after check-in closed texts the absent student’s guardian, and Today shows who was texted', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  await page.getByTestId('admin-setup').waitFor();
  await setUpPins(page);
  await page.getByRole('button', { name: 'Today' }).click();
  const ben = page.locator('[data-testid="student-1002"][data-state="absent"]');
  await ben.waitFor();
  assert.match(await ben.innerText(), /absence texted 07:4\d/);
  assert.doesNotMatch(await page.getByTestId('student-1001').innerText(), /absence texted/);
  await screenshot(page, 'today-absence-texted');
  await page.close();

  // The log provider writes what it sends: once the outbox says so, the absence text is there, once.
  const d = new Database(join(dataDir, 'rollcall.db'), { readonly: true });
  const state = () => (d.prepare("SELECT state FROM sms_outbox WHERE type = 'absence'").pluck().all() as string[]).join(',');
  for (const deadline = Date.now() + 10_000; state() === 'queued' && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 50));
  assert.equal(state(), 'accepted');
  d.close();
  const sent = readFileSync(join(dataDir, 'logs', 'sms.log'), 'utf8');
  assert.equal(sent.split('Ben Okafor has not arrived at school for the morning session on 7 December 2026.').length - 1, 1);
});
