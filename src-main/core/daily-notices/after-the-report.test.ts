// Failing tests: what happens to the absence report's texts when the day changes after 07:31 (a snow
// day declared, a student who left archived, a wrong check-in removed). Real SQLite, real services,
// the dispatcher against the fake Android SMS Gateway; the school's clock injected.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createAuditLog } from '../audit/audit-log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { setArchived } from '../people/student-records.js';
import { createCheckInService } from '../attendance/checkins.js';
import { createAttendanceCorrections } from '../attendance/corrections.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { createDailyJobs } from '../schedule/daily-jobs.js';
import { schoolDayCalendar } from '../schedule/school-days.js';
import { createMetrics } from '../metrics/metrics.js';
import { createSmsDispatcher } from '../sms/dispatcher.js';
import { createAndroidGatewayLocalProvider } from '../sms/providers/android-gateway-local.js';
import { startFakeAndroidGateway, type Behaviour } from '../../../e2e/fakes/android-sms-gateway.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { registerDailyNotices } from './jobs.js';
import { withdrawNoticesIfClosedToday } from './closed-day.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const MONDAY = '2026-12-07'; // London, UTC+0; morning check-in closes 07:30, the report runs 07:31

const ROSTER =
  'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' +
  '1001,Ana,Silva,7A,Maria Silva,07400 100001,1111\n' +
  '1002,Ben,Okafor,7A,Ada Okafor,07400 100002,2222\n' +
  '1003,Cara,Diaz,7B,Luis Diaz,07400 100003,3333\n' +
  '1004,Dev,Patel,7B,Raj Patel,07400 100004,4444\n' +
  '1005,Eve,Stone,7B,Tom Stone,07400 100005,5555\n' +
  '1006,Finn,Ross,7C,Kim Ross,07400 100006,6666\n';

async function school(t: TestContext, gateway: { behaviour?: Behaviour; timeoutMs?: number } = {}) {
  // The live settings: the admin screen replaces them, every service reads them through config().
  let config: Config = parseConfig({ ...defaults, school: { ...defaults.school, name: 'Hill School' } });
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  const db: Db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster(ROSTER, 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  clock.set(new Date(`${MONDAY}T06:00:00Z`));
  const audit = createAuditLog(db, clock);
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const corrections = createAttendanceCorrections({ db, config: () => config, clock, audit });
  const jobs = createDailyJobs({
    db,
    clock,
    log: silentLogger,
    metrics: createMetrics({}),
    timezone: config.school.timezone,
    isSchoolDay: (d) => schoolDayCalendar({ timezone: config.school.timezone, schoolDays: config.schedule.schoolDays, holidays: config.schedule.holidays })(d),
  });
  registerDailyNotices(jobs, { db, config: () => config, log: silentLogger });
  const fake = await startFakeAndroidGateway({ username: 'sms', password: 'pw', ...(gateway.behaviour ? { behaviour: gateway.behaviour } : {}) });
  t.after(() => fake.close());
  const dispatcher = createSmsDispatcher({
    db,
    provider: createAndroidGatewayLocalProvider({ url: fake.url, username: 'sms', password: 'pw', withDeliveryReport: true, timeoutMs: gateway.timeoutMs ?? 5_000, clock }),
    clock,
    log: silentLogger,
    settings: () => ({ limits: { perMinute: 1000, perHour: 1000 }, quietHours: config.sms.quietHours, timeZone: config.school.timezone }),
    monotonic: () => clock.now().getTime(),
    random: () => 0,
    pollIntervalMs: 60_000,
  });
  const idOf = (n: string) => (db.prepare('SELECT id FROM students WHERE student_number = ?').get(n) as { id: number }).id;
  const at = (hhmm: string) => clock.set(new Date(`${MONDAY}T${hhmm}:00Z`));
  const absenceTexts = () => fake.received.filter((m) => / has not arrived at school/.test(m.text)).map((m) => m.text.split(' has not')[0]);
  // Four of six arrive on time; Dev and Eve do not.
  at('07:05');
  for (const [n, p] of [['1001', '1111'], ['1002', '2222'], ['1003', '3333'], ['1006', '6666']] as const) assert.equal(checkIns.checkInByPin(n, p).outcome, 'recorded');
  return {
    db, clock, checkIns, corrections, jobs, dispatcher, idOf, at, absenceTexts,
    // As the app's settings.onChange does (app.ts) after the admin screen saves.
    settings: (change: (c: Config) => Config) => {
      config = change(config);
      withdrawNoticesIfClosedToday(db, config, clock.now());
    },
  };
}

test('a snow day declared at 07:40, after the report queued its texts, sends no family an absence text', async (t) => {
  const k = await school(t);
  k.at('07:31');
  assert.deepEqual(await k.jobs.runDue(), ['absence-report']);
  // The head closes the school before the dispatcher's next pass (the SIM was busy with arrivals).
  k.at('07:40');
  k.settings((c) => ({ ...c, schedule: { ...c.schedule, holidays: [{ from: MONDAY, to: MONDAY, name: 'Snow day' }] } }));
  await k.dispatcher.drainOnce();
  assert.deepEqual(k.absenceTexts(), [], 'no child is "not at school" on a day the school is closed');
});

test('a student the office archives after the report (left the school last week) is not texted as absent', async (t) => {
  const k = await school(t);
  k.at('07:31');
  await k.jobs.runDue();
  k.at('07:40');
  assert.ok(setArchived(k.db, k.idOf('1005'), true, k.clock.now()));
  await k.dispatcher.drainOnce();
  assert.deepEqual(k.absenceTexts(), ['Dev Patel']);
});

test('a check-in the office removes after the report (the camera took Ana for Ben) leaves Ben reported absent to his family', async (t) => {
  const k = await school(t);
  k.at('07:31');
  await k.jobs.runDue();
  await k.dispatcher.drainOnce();
  assert.deepEqual(k.absenceTexts().sort(), ['Dev Patel', 'Eve Stone']);
  // 08:00: Ben's teacher says he is not in class. His 07:05 record was someone else.
  k.at('08:00');
  const ben = k.db.prepare("SELECT id FROM attendance WHERE student_id = ? AND local_date = ?").get(k.idOf('1002'), MONDAY) as { id: number };
  assert.deepEqual(k.corrections.void({ attendanceId: ben.id, reason: 'Wrong student recognised; Ben is not in class' }, 'office'), { ok: true });
  k.at('08:05');
  await k.jobs.runDue();
  await k.dispatcher.drainOnce();
  // His family was told he arrived; the only text that can correct it is the absence text.
  assert.ok(k.absenceTexts().includes('Ben Okafor'), `absence texts sent: ${JSON.stringify(k.absenceTexts())}`);
});

test('a student who arrives while his absence text\'s first try timed out unanswered (the gateway never got it) is not texted as absent', async (t) => {
  // The phone's Wi-Fi drops: the first text is never received nor answered; then it comes back.
  let first = true;
  const k = await school(t, {
    timeoutMs: 200,
    behaviour: (r) => (r.method === 'POST' && first ? ((first = false), new Promise<undefined>(() => {})) : undefined),
  });
  k.at('07:31');
  await k.jobs.runDue();
  // The first POST (whichever child it carries) times out; the gateway never stored it.
  await k.dispatcher.drainOnce();
  const unknown = k.db.prepare("SELECT s.student_number AS n FROM sms_outbox o JOIN students s ON s.id = o.student_id WHERE o.outcome_unknown = 1").get() as { n: string };
  const who = unknown.n === '1004' ? { n: '1004', pin: '4444', name: 'Dev Patel' } : { n: '1005', pin: '5555', name: 'Eve Stone' };
  // 07:40: that child walks in, late. The notice is withdrawn; the text in doubt is left to the dispatcher.
  k.at('07:40');
  assert.equal(k.checkIns.checkInByPin(who.n, who.pin).outcome, 'recorded');
  assert.deepEqual(k.db.prepare("SELECT withdrawn_reason AS r FROM daily_notices WHERE student_id = ?").get(k.idOf(who.n)), { r: 'arrived at 07:40' });
  k.clock.advance(5_000);
  await k.dispatcher.drainOnce();
  assert.ok(!k.absenceTexts().includes(who.name), `${who.name} is at school, and the gateway (asked first: never got it) was sent his absence text: ${JSON.stringify(k.absenceTexts())}`);
});

test('a student the office excused for the afternoon (picked up at 10:00 for the dentist) gets no "did not check out" text at 17:31', async (t) => {
  const k = await school(t);
  k.settings((c) => ({ ...c, schedule: { ...c.schedule, noCheckoutNotice: { ...c.schedule.noCheckoutNotice, enabled: true } } }));
  k.at('10:00');
  assert.deepEqual(k.corrections.excuse({ studentId: k.idOf('1001'), date: MONDAY, sessions: ['afternoon'], kind: 'absence', reason: 'Picked up by her mother for the dentist' }, 'office'), { ok: true });
  k.at('12:00');
  for (const [n, p] of [['1002', '2222'], ['1003', '3333'], ['1006', '6666']] as const) assert.equal(k.checkIns.checkInByPin(n, p).outcome, 'recorded');
  k.at('17:31');
  await k.jobs.runDue();
  const reported = k.db.prepare("SELECT s.student_number FROM daily_notices n JOIN students s ON s.id = n.student_id WHERE n.kind = 'no_checkout'").pluck().all();
  assert.deepEqual(reported, [], 'her mother collected her; the office recorded why');
});
