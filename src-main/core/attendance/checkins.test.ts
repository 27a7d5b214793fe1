import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { openDatabase, type Db } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { addTemplate } from '../recognition/templates.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { randomBytes } from 'node:crypto';
import { createCheckInService } from './checkins.js';
import { tempDir } from '../../test-support/temp-dir.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const MODEL = 'faceapi-resnet128-fapi-v1';

function unit(i: number): number[] {
  const v = new Array(128).fill(0);
  v[i] = 1;
  return v;
}

function setup(overrides: Partial<Config['kiosk']> = {}) {
  const config = parseConfig({
    ...defaults,
    school: { ...defaults.school, name: 'Hill School' },
    kiosk: { ...defaults.kiosk, faceRecognition: true, ...overrides },
    privacy: { ...defaults.privacy, dpia: { reference: 'DPIA-2026-01', date: '2026-09-01' } },
  });
  const db: Db = openDatabase(join(tempDir(), 'rollcall.db'));
  // Monday 2026-12-07, 07:52 in London (UTC+0 in December).
  const clock = manualClock(new Date('2026-12-07T07:52:00Z'));
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,guardian2_name,guardian2_phone,pin\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 123456,João Silva,07400 654321,4821\n' +
      '1002,Ben,Okafor,7A,Ada Okafor,07400 222333,,,\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  const ids = db.prepare('SELECT id, student_number FROM students').all() as Array<{ id: number; student_number: string }>;
  const id = (n: string) => ids.find((r) => r.student_number === n)!.id;
  const cipher = createTemplateCipher(randomBytes(32));
  for (const [n, axis] of [['1001', 0], ['1002', 1]] as const) {
    addTemplate(db, cipher, { studentId: id(n), modelId: MODEL, embedding: unit(axis), quality: 1, source: 'photo' }, clock.now());
    db.prepare(
      `INSERT INTO consent_events (student_id, kind, given_by, given_by_role, method, notice_version, occurred_at, recorded_by)
       VALUES (?, 'granted', 'Parent', 'guardian', 'signed_form', 'v1', ?, 'office')`,
    ).run(id(n), clock.now().toISOString());
  }
  let wakes = 0;
  const service = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher, onQueued: () => wakes++ });
  return { db, clock, service, id, wakes: () => wakes };
}

const face = (embedding: number[]) => ({ modelId: MODEL, embeddings: [embedding, embedding, embedding], quality: 0.9 });
const count = (db: Db, sql: string) => (db.prepare(sql).get() as { n: number }).n;

test('a recognised student is checked in and each guardian gets exactly one queued text', () => {
  const { db, service, wakes } = setup();
  const r = service.checkInByFace(face(unit(0)));
  assert.deepEqual(r, {
    outcome: 'recorded',
    student: { firstName: 'Ana', displayName: 'Ana Silva' },
    attendance: { kind: 'check_in', status: 'late', localTime: '07:52', session: 'morning', minutesLate: 52 },
  });
  const rows = db.prepare('SELECT phone_e164, body, state, type, idempotency_key FROM sms_outbox ORDER BY id').all() as Array<Record<string, string>>;
  assert.deepEqual(rows.map((x) => x.phone_e164), ['+447400123456', '+447400654321']);
  // 52 minutes after the session began: the late-arrival text, not the routine one.
  assert.equal(rows[0]!.body, 'Late arrival: Ana Silva arrived at 07:52, 52 minutes late. - Hill School');
  assert.ok(rows.every((x) => x.type === 'late_arrival'));
  assert.ok(rows.every((x) => x.state === 'queued'));
  assert.equal(wakes(), 1);
  const a = db.prepare('SELECT occurred_at, local_date, local_time, method FROM attendance').get();
  assert.deepEqual(a, { occurred_at: '2026-12-07T07:52:00.000Z', local_date: '2026-12-07', local_time: '07:52:00', method: 'face' });
});

test('the same student seen again is told they are already checked in and nobody is texted twice', () => {
  const { db, clock, service } = setup();
  service.checkInByFace(face(unit(0)));
  clock.advance(30_000);
  const again = service.checkInByFace(face(unit(0)));
  assert.equal(again.outcome, 'already_recorded');
  assert.equal(again.outcome === 'already_recorded' && again.attendance.localTime, '07:52');
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM attendance'), 1);
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM sms_outbox'), 2);
});

test('a stranger is never checked in', () => {
  const { db, service } = setup();
  assert.deepEqual(service.checkInByFace(face(unit(7))), { outcome: 'not_recognised' });
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM attendance'), 0);
  assert.equal(count(db, "SELECT COUNT(*) AS n FROM recognition_events WHERE outcome = 'unknown'"), 1);
});

test('a face only fairly close to a student asks for a second factor instead of guessing', () => {
  const { db, service } = setup();
  const between = unit(0).map((x, i) => (i === 0 ? 0.92 : i === 5 ? Math.sqrt(1 - 0.92 ** 2) : x));
  assert.deepEqual(service.checkInByFace(face(between)), { outcome: 'needs_second_factor' });
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM attendance'), 0);
});

test('with face recognition switched off no face is matched', () => {
  const { service } = setup({ faceRecognition: false });
  assert.deepEqual(service.checkInByFace(face(unit(0))), { outcome: 'not_recognised' });
});

test('a QR card holding the student number checks the student in by card', () => {
  const { db, service } = setup();
  assert.equal(service.checkInByCard('1002').outcome, 'recorded');
  assert.equal((db.prepare('SELECT method FROM attendance').get() as { method: string }).method, 'qr');
  assert.deepEqual(service.checkInByCard('9999'), { outcome: 'unknown_card' });
});

test('the right PIN checks in; wrong PINs lock the number after five tries', () => {
  const { db, clock, service } = setup();
  for (let i = 0; i < 4; i++) assert.deepEqual(service.checkInByPin('1001', '0000'), { outcome: 'wrong_pin' });
  assert.deepEqual(service.checkInByPin('1001', '0000'), { outcome: 'pin_locked', retryAfterSeconds: 300 });
  assert.deepEqual(service.checkInByPin('1001', '4821'), { outcome: 'pin_locked', retryAfterSeconds: 300 });
  clock.advance(300_000);
  assert.equal(service.checkInByPin('1001', '4821').outcome, 'recorded');
  assert.equal((db.prepare('SELECT method FROM attendance').get() as { method: string }).method, 'pin');
});

test('a student number with letters is found as typed on the pad in capitals, and its lock covers every spelling', () => {
  const { db, service, clock } = setup();
  const roster = parseRoster('student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\nab-12,Cai,Wu,7A,Mei Wu,07400 222444,2468\n', 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  for (let i = 0; i < 4; i++) assert.deepEqual(service.checkInByPin(i % 2 ? 'AB-12' : 'ab-12', '0000'), { outcome: 'wrong_pin' });
  assert.deepEqual(service.checkInByPin('Ab-12', '0000'), { outcome: 'pin_locked', retryAfterSeconds: 300 });
  clock.advance(5 * 60_000);
  assert.equal(service.checkInByPin('AB-12', '2468').outcome, 'recorded');
  assert.equal(db.prepare("SELECT s.student_number FROM attendance a JOIN students s ON s.id = a.student_id").pluck().get(), 'ab-12');
});

test('two numbers that differ only in letter case are not guessed between', () => {
  const { db, service, clock } = setup();
  const roster = parseRoster('student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\nab12,Cai,Wu,7A,Mei Wu,07400 222444,2468\nAB12,Dan,Wu,7A,Mei Wu,07400 222444,2468\n', 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  assert.deepEqual(service.checkInByPin('Ab12', '2468'), { outcome: 'wrong_pin' });
  assert.equal(service.checkInByPin('AB12', '2468').outcome, 'recorded');
});

test('an unknown student number at the PIN pad gets the same answer as a wrong PIN', () => {
  const { service } = setup();
  assert.deepEqual(service.checkInByPin('7777', '1234'), { outcome: 'wrong_pin' });
});

test('outside the school day the kiosk says it is closed and records nothing', () => {
  const { db, clock, service } = setup();
  clock.set(new Date('2026-12-07T19:00:00Z'));
  assert.deepEqual(service.checkInByCard('1001'), { outcome: 'closed', reason: 'outside_hours' });
  clock.set(new Date('2026-12-05T08:00:00Z'));
  assert.deepEqual(service.checkInByCard('1001'), { outcome: 'closed', reason: 'not_school_day' });
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM attendance'), 0);
});

test('a guardian marked do-not-contact is never texted', () => {
  const { db, service } = setup();
  db.prepare("UPDATE guardians SET do_not_contact = 1 WHERE phone_e164 = '+447400654321'").run();
  service.checkInByCard('1001');
  assert.deepEqual(db.prepare('SELECT phone_e164 FROM sms_outbox').all(), [{ phone_e164: '+447400123456' }]);
});

test('if the texts cannot be queued the check-in is not recorded either', () => {
  const { db, service } = setup();
  db.exec('DROP TABLE sms_outbox');
  assert.throws(() => service.checkInByCard('1001'));
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM attendance'), 0);
});

