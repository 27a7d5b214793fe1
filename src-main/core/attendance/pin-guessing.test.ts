// A student at the kiosk trying a common PIN on every student number is slowed for the whole pad,
// without locking anyone's number; and the pad's answer takes the same work whether the number is real.
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
import { hashPin, verifyPin } from '../people/pin.js';
import { createCheckInService } from './checkins.js';
import { DUMMY_PIN_HASH, pinMatches } from './pin-check.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { tempDir } from '../../test-support/temp-dir.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

function kiosk(pinWrongPerMinute: number) {
  const config = parseConfig({ ...defaults, kiosk: { ...defaults.kiosk, pinWrongPerMinute } });
  const file = join(tempDir(), 'rollcall.db');
  const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
  const cipher = createTemplateCipher(randomBytes(32));
  const db = openDatabase(file, { now: () => clock.now() });
  const rows = ['1001,Ana,Silva,7A,Maria Silva,07400 123456,4821', '1002,Ben,Okafor,7A,Ada Okafor,07400 222333,7302', '1003,Cleo,Hart,7B,Jo Hart,07400 333444,5190'];
  const roster = parseRoster(`student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n${rows.join('\n')}\n`, 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  const open = () => createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher });
  return { db, clock, service: open(), restart: open };
}

test('a common PIN tried on one number after another pauses the whole pad once the kiosk-wide limit is reached', () => {
  const { clock, service } = kiosk(4);
  const numbers = ['1001', '1002', '1003', '1004'];
  assert.deepEqual(numbers.map((n) => service.checkInByPin(n, '1234').outcome), ['wrong_pin', 'wrong_pin', 'wrong_pin', 'wrong_pin']);
  assert.deepEqual(service.checkInByPin('1005', '1234'), { outcome: 'pin_locked', retryAfterSeconds: 60, scope: 'kiosk' });
  clock.advance(20_000);
  // During the pause even the right PIN waits: otherwise the guesser would simply go on.
  assert.deepEqual(service.checkInByPin('1001', '4821'), { outcome: 'pin_locked', retryAfterSeconds: 40, scope: 'kiosk' });
  clock.advance(40_000);
  assert.equal(service.checkInByPin('1001', '4821').outcome, 'recorded', 'the pause locked no student number');
});

test('the pause is a rate: once the oldest wrong PIN of the last minute is a minute old, one more try is allowed', () => {
  const { clock, service } = kiosk(3);
  service.checkInByPin('1001', '1111');
  clock.advance(30_000);
  service.checkInByPin('1002', '1111');
  service.checkInByPin('1003', '1111');
  assert.deepEqual(service.checkInByPin('1003', '7302'), { outcome: 'pin_locked', retryAfterSeconds: 30, scope: 'kiosk' });
  clock.advance(30_000);
  assert.equal(service.checkInByPin('1003', '5190').outcome, 'recorded');
});

test('the kiosk-wide pause holds across a restart of the kiosk', () => {
  const { clock, service, restart } = kiosk(3);
  for (const n of ['1001', '1002', '1003']) service.checkInByPin(n, '0000');
  clock.advance(10_000);
  assert.deepEqual(restart().checkInByPin('1002', '7302'), { outcome: 'pin_locked', retryAfterSeconds: 50, scope: 'kiosk' });
});

test('a number locked for wrong PINs starts a fresh run of locks a day later, and its lock row is pruned', () => {
  const { db, clock, service } = kiosk(100);
  for (let i = 0; i < 5; i++) service.checkInByPin('1002', '0000');
  assert.deepEqual(service.checkInByPin('1002', '7302'), { outcome: 'pin_locked', retryAfterSeconds: 300 });
  clock.advance(300_000);
  for (let i = 0; i < 5; i++) service.checkInByPin('1002', '0000');
  assert.deepEqual(service.checkInByPin('1002', '7302'), { outcome: 'pin_locked', retryAfterSeconds: 600 }, 'the second lock of the day doubles');
  clock.advance(25 * 3600_000);
  for (let i = 0; i < 5; i++) service.checkInByPin('1001', '0000');
  assert.deepEqual(
    db.prepare('SELECT student_number FROM pin_locks').all(),
    [{ student_number: '1001' }],
    'the old lock of 1002 is gone',
  );
  for (let i = 0; i < 5; i++) service.checkInByPin('1002', '0000');
  assert.deepEqual(service.checkInByPin('1002', '7302'), { outcome: 'pin_locked', retryAfterSeconds: 300 });
});

test('a number with no usable PIN (unknown, archived, never set) is checked against a dummy hash that costs what a stored PIN costs', () => {
  const checked: string[] = [];
  const spy = (pin: string, stored: string) => {
    checked.push(stored);
    return verifyPin(pin, stored);
  };
  const real = hashPin('4821');
  assert.equal(pinMatches('4821', real, spy), true);
  assert.equal(pinMatches('0000', real, spy), false);
  assert.equal(pinMatches('4821', null, spy), false);
  assert.deepEqual(checked, [real, real, DUMMY_PIN_HASH]);
  const params = (h: string) => h.split('$').slice(0, 4).join('$');
  assert.equal(params(DUMMY_PIN_HASH), params(real), 'the dummy costs what a stored PIN costs');
  assert.equal(Buffer.from(DUMMY_PIN_HASH.split('$')[5]!, 'base64').length, Buffer.from(real.split('$')[5]!, 'base64').length);
});
