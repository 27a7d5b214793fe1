// The Today board polls with the version it holds and redraws only when the version changes. A snow
// day declared at 07:40 (today added to schedule.holidays from the admin screen) must reach the board:
// today the version ignores settings, so the screen keeps showing everyone absent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createAuditLog } from '../audit/audit-log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { createCheckInService } from './checkins.js';
import { createAttendanceOffice } from './office.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import type { CallContext } from '../access/authorize.js';
import type { Board } from '../../../src-preload/contract.js';
import { tempDir } from '../../test-support/temp-dir.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const office: CallContext = { session: { token: 't', role: 'office' } };

test('declaring today a holiday changes the board’s version, so the polling screen redraws', () => {
  let config = parseConfig(defaults);
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster('student_number,first_name,last_name,class,guardian_name,guardian_phone\n1001,Ana,Silva,7A,Maria Silva,07400 123456\n', 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const h = createAttendanceOffice({ db, config: () => config, clock, audit: createAuditLog(db, clock), checkIns });

  clock.set(new Date('2026-12-07T07:40:00Z'));
  const before = h['attendance:board']({}, office) as Board;
  assert.equal(before.counts.absent, 1);

  config = parseConfig({ ...defaults, schedule: { ...defaults.schedule, holidays: [{ from: '2026-12-07', to: '2026-12-07', name: 'Snow day' }] } });
  const poll = h['attendance:board']({ sinceVersion: before.version }, office);
  assert.equal(poll.unchanged, false, 'the board was told nothing changed');
});
