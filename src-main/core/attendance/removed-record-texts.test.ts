// Failing tests: the texts of an attendance record the office removes (migration 061 lets the
// student check in again). A removed record must not text its guardians afterwards; a record
// whose removal the office undoes must not lose its arrival text.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createAuditLog } from '../audit/audit-log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { createCheckInService } from './checkins.js';
import { createAttendanceCorrections } from './corrections.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { createSmsDispatcher } from '../sms/dispatcher.js';
import { createAndroidGatewayLocalProvider } from '../sms/providers/android-gateway-local.js';
import { startFakeAndroidGateway, type Behaviour } from '../../../e2e/fakes/android-sms-gateway.js';
import { tempDir } from '../../test-support/temp-dir.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const MONDAY = '2026-12-07';

async function school(t: TestContext, behaviour?: Behaviour) {
  const config = parseConfig({ ...defaults, school: { ...defaults.school, name: 'Hill School' } });
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  const db: Db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster('student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n1002,Ben,Okafor,7A,Ada Okafor,07400 100002,2222\n', 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  clock.set(new Date(`${MONDAY}T07:05:00Z`));
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const corrections = createAttendanceCorrections({ db, config: () => config, clock, audit: createAuditLog(db, clock) });
  const fake = await startFakeAndroidGateway({ username: 'sms', password: 'pw', ...(behaviour ? { behaviour } : {}) });
  t.after(() => fake.close());
  const dispatcher = createSmsDispatcher({
    db,
    provider: createAndroidGatewayLocalProvider({ url: fake.url, username: 'sms', password: 'pw', withDeliveryReport: true, timeoutMs: 5_000, clock }),
    clock,
    log: silentLogger,
    settings: () => ({ limits: config.sms.limits, quietHours: config.sms.quietHours, timeZone: config.school.timezone }),
    monotonic: () => clock.now().getTime(),
    random: () => 0,
    pollIntervalMs: 60_000,
  });
  const record = () => db.prepare('SELECT id FROM attendance WHERE local_date = ? ORDER BY id DESC').get(MONDAY) as { id: number };
  const arrivals = () => fake.received.filter((m) => /Ben/.test(m.text)).map((m) => m.text);
  return { db, clock, checkIns, corrections, dispatcher, record, arrivals };
}

test('an arrival text the gateway refused with 503 is not sent after the office removes its record', async (t) => {
  let busy = true;
  const k = await school(t, (r) => (busy && r.method === 'POST' ? { status: 503, body: { message: 'queue limits exceeded' } } : undefined));
  // 07:05: the camera takes Ana for Ben. The phone is busy: the text is refused, to be tried again.
  assert.equal(k.checkIns.checkInByPin('1002', '2222').outcome, 'recorded');
  await k.dispatcher.drainOnce();
  assert.deepEqual(k.arrivals(), []);
  // 07:06: the office removes the record before the retry. The gateway never took the text.
  k.clock.advance(60_000);
  assert.deepEqual(k.corrections.void({ attendanceId: k.record().id, reason: 'Wrong student recognised' }, 'office'), { ok: true });
  busy = false;
  k.clock.advance(10 * 60_000);
  await k.dispatcher.drainOnce();
  const row = k.db.prepare('SELECT state, last_error AS lastError FROM sms_outbox').get() as { state: string; lastError: string };
  assert.deepEqual(k.arrivals(), [], `Ada is told Ben arrived though the school removed it (outbox: ${row.state})`);
});

test('a removal the office undoes at once (wrong row) still texts the real arrival', async (t) => {
  const k = await school(t);
  assert.equal(k.checkIns.checkInByPin('1002', '2222').outcome, 'recorded');
  k.clock.advance(30_000);
  const id = k.record().id;
  assert.deepEqual(k.corrections.void({ attendanceId: id, reason: 'Wrong student recognised' }, 'office'), { ok: true });
  // The office tapped the wrong row; it restores Ben's record with its time.
  k.clock.advance(30_000);
  assert.deepEqual(k.corrections.amend({ attendanceId: id, time: '07:05', kind: 'check_in', reason: 'Removed by mistake' }, 'office'), { ok: true });
  await k.dispatcher.drainOnce();
  assert.equal(k.arrivals().length, 1, 'Ben is at school, on the record, and his mother is never told');
});
