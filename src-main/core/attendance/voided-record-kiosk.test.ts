// A record the office removed (the wrong child was checked in by someone else's card) must not stop
// the real student from checking in at the kiosk later the same morning.
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
import { nextDue } from '../sms/outbox.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const office: CallContext = { session: { token: 't', role: 'office' } };

function school() {
  const config = parseConfig(defaults);
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 123456,4821\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const h = createAttendanceOffice({ db, config: () => config, clock, audit: createAuditLog(db, clock), checkIns });
  return { db, clock, checkIns, h };
}

test('a removed record’s text that has not gone out yet is not sent: the guardian is not told of an arrival that did not happen', () => {
  const { db, clock, checkIns, h } = school();
  // 07:02 Ana's lost card is used by someone else; the text waits in the queue (the gateway is busy).
  clock.set(new Date('2026-12-07T07:02:00Z'));
  assert.equal(checkIns.checkInByCard('1001').outcome, 'recorded');
  clock.set(new Date('2026-12-07T07:03:00Z'));
  assert.deepEqual(h['attendance:correct']({ action: 'void', attendanceId: 1, reason: 'Ana was not in, her card was used' }, office), { ok: true });
  const due = nextDue(db, clock.now());
  assert.equal(due, undefined, `still queued to send: ${due?.body}`);
});

test('a student whose wrongly made record the office removed checks in at the kiosk and is present, with a text', () => {
  const config = parseConfig(defaults);
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 123456,4821\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const h = createAttendanceOffice({ db, config: () => config, clock, audit: createAuditLog(db, clock), checkIns });

  // 07:02: a classmate uses Ana's lost card; the office sees Ana is not in and removes the record.
  clock.set(new Date('2026-12-07T07:02:00Z'));
  assert.equal(checkIns.checkInByCard('1001').outcome, 'recorded');
  clock.set(new Date('2026-12-07T07:06:00Z'));
  assert.deepEqual(h['attendance:correct']({ action: 'void', attendanceId: 1, reason: 'Ana was not in, her card was used' }, office), { ok: true });

  // 07:10: Ana herself arrives and types her PIN.
  clock.set(new Date('2026-12-07T07:10:00Z'));
  const r = checkIns.checkInByPin('1001', '4821');
  assert.equal(r.outcome, 'recorded', `the kiosk answered ${JSON.stringify(r)}`);
  const b = h['attendance:board']({}, office) as Board;
  assert.equal(b.students.find((s) => s.studentNumber === '1001')!.state, 'present');
});
