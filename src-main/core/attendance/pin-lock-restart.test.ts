// The kiosk's PIN lock must hold across a restart of the kiosk process: otherwise pulling the plug
// (or anything that makes the watchdog relaunch the app) hands a PIN guesser a fresh set of tries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { createCheckInService } from './checkins.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { tempDir } from '../../test-support/temp-dir.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

test('a student number locked after five wrong PINs is still locked after the kiosk restarts', () => {
  const config = parseConfig(defaults);
  const file = join(tempDir(), 'rollcall.db');
  const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
  const cipher = createTemplateCipher(randomBytes(32));
  let db = openDatabase(file, { now: () => clock.now() });
  const roster = parseRoster('student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n1001,Ana,Silva,7A,Maria Silva,07400 123456,4821\n', 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  let kiosk = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher });
  const outcomes = ['0000', '1111', '2222', '3333', '4444'].map((pin) => kiosk.checkInByPin('1001', pin).outcome);
  assert.equal(outcomes.at(-1), 'pin_locked');

  db.close();
  clock.advance(30_000);
  db = openDatabase(file, { now: () => clock.now() });
  kiosk = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher });
  assert.equal(kiosk.checkInByPin('1001', '5555').outcome, 'pin_locked');
  db.close();
});
