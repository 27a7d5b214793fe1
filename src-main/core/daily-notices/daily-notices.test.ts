// The absence report and the no-check-out notice as the kiosk runs them: daily jobs on a real SQLite
// file, check-ins and excuses through the real services, the school's clock injected.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { configSchema } from '../config/schema.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createAuditLog } from '../audit/audit-log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { createCheckInService } from '../attendance/checkins.js';
import { createAttendanceCorrections } from '../attendance/corrections.js';
import { readBoard } from '../attendance/board.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { createDailyJobs } from '../schedule/daily-jobs.js';
import { schoolDayCalendar } from '../schedule/school-days.js';
import { createMetrics } from '../metrics/metrics.js';
import { createSmsDispatcher } from '../sms/dispatcher.js';
import { createAndroidGatewayLocalProvider } from '../sms/providers/android-gateway-local.js';
import { startFakeAndroidGateway } from '../../../e2e/fakes/android-sms-gateway.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { registerDailyNotices } from './jobs.js';
import { noticesOn } from './notices.js';
import { runAbsenceReport } from './absence-report.js';
import { absenceReportAt, absenceReportUntil, noCheckoutAt } from './notice-times.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

// Monday 2026-12-07 in London (UTC+0 in December). Morning check-in 06:30-07:30, late after 07:15.
const MONDAY = '2026-12-07';
const utc = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00Z`);

const ROSTER =
  'student_number,first_name,last_name,class,guardian_name,guardian_phone,guardian2_name,guardian2_phone,pin\n' +
  '1001,Ana,Silva,7A,Maria Silva,07400 100001,,,1111\n' +
  '1002,Ben,Okafor,7A,Ada Okafor,07400 100002,Obi Okafor,07400 100012,2222\n' +
  '1003,Cara,Diaz,7B,Luis Diaz,07400 100003,,,3333\n' +
  '1004,Dev,Patel,7B,Raj Patel,07400 100004,Priya Patel,07400 100014,4444\n' +
  '1005,Eve,Stone,7B,Tom Stone,07400 100005,,,5555\n' +
  '1006,Finn,Ross,7C,Kim Ross,07400 100006,,,6666\n';

function setup(opts: { now?: string; schedule?: Record<string, unknown>; file?: string } = {}) {
  const config = parseConfig({
    ...defaults,
    school: { ...defaults.school, name: 'Hill School' },
    schedule: { ...defaults.schedule, ...opts.schedule },
  });
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  const file = opts.file ?? join(tempDir(), 'rollcall.db');
  const db: Db = openDatabase(file, { now: () => clock.now() });
  if (!opts.file) {
    const roster = parseRoster(ROSTER, 'GB');
    assert.ok(roster.ok);
    // On the roster since the start of term.
    importRoster(db, roster.students, clock.now());
    // Obi chose arrival and late texts only; Raj asked the school never to text him.
    db.prepare("UPDATE guardians SET notify = 'check_in,late_arrival' WHERE phone_e164 = '+447400100012'").run();
    db.prepare("UPDATE guardians SET do_not_contact = 1 WHERE phone_e164 = '+447400100004'").run();
  }
  clock.set(new Date(opts.now ?? `${MONDAY}T06:00:00Z`));
  const audit = createAuditLog(db, clock);
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const corrections = createAttendanceCorrections({ db, config: () => config, clock, audit });
  const metrics = createMetrics({});
  const jobs = createDailyJobs({
    db,
    clock,
    log: silentLogger,
    metrics,
    timezone: config.school.timezone,
    isSchoolDay: schoolDayCalendar({ timezone: config.school.timezone, schoolDays: config.schedule.schoolDays, holidays: config.schedule.holidays }),
  });
  let woken = 0;
  registerDailyNotices(jobs, { db, config: () => config, log: silentLogger, onQueued: () => woken++, onReported: (kind, n) => metrics.dailyNotices(kind, n) });
  const idOf = (n: string) => (db.prepare('SELECT id FROM students WHERE student_number = ?').get(n) as { id: number }).id;
  const at = (iso: string | Date) => clock.set(new Date(iso));
  const pin = (n: string, p: string) => checkIns.checkInByPin(n, p);
  const texts = (type = 'absence') =>
    db
      .prepare(
        `SELECT s.student_number AS student, o.phone_e164 AS phone, o.state, o.body, o.priority, o.expires_at AS expiresAt, o.last_error AS lastError
           FROM sms_outbox o JOIN students s ON s.id = o.student_id WHERE o.type = ? ORDER BY o.id`,
      )
      .all(type) as Array<{ student: string; phone: string; state: string; body: string; priority: number; expiresAt: string; lastError: string | null }>;
  const lastRun = (job: string) => db.prepare('SELECT local_date, status, detail FROM daily_job_runs WHERE job = ? ORDER BY local_date DESC LIMIT 1').get(job) as
    | { local_date: string; status: string; detail: string }
    | undefined;
  return { db, file, config, clock, checkIns, corrections, jobs, metrics, idOf, at, pin, texts, lastRun, woken: () => woken };
}

/** A usual Monday morning: four of six arrive, Cara is excused (her father rang at 07:00). */
function usualMorning(k: ReturnType<typeof setup>) {
  k.at(`${MONDAY}T07:05:00Z`);
  assert.equal(k.pin('1001', '1111').outcome, 'recorded');
  assert.equal(k.pin('1005', '5555').outcome, 'recorded');
  k.at(`${MONDAY}T07:20:00Z`);
  assert.equal(k.pin('1006', '6666').outcome, 'recorded');
  assert.deepEqual(k.corrections.excuse({ studentId: k.idOf('1003'), date: MONDAY, sessions: ['morning'], kind: 'absence', reason: 'Illness, parent phoned' }, 'office'), { ok: true });
}

test('the report runs one minute after the first check-in window closes, and the end of day one minute after the last check-out window', () => {
  const { sessions } = parseConfig(defaults).schedule;
  assert.equal(absenceReportAt(sessions, null), '07:31');
  assert.equal(absenceReportUntil(sessions, null), '17:30');
  assert.equal(noCheckoutAt(sessions, null), '17:31');
  assert.equal(absenceReportAt(sessions, '08:15'), '08:15');
  assert.equal(absenceReportAt([{ checkIn: ['08:00', '08:45:30'], checkOut: ['15:00', '23:59:30'] }], null), '08:46');
  assert.equal(noCheckoutAt([{ checkIn: ['08:00', '08:45:30'], checkOut: ['15:00', '23:59:30'] }], null), '23:59');
});

test('a report time before check-in closes is refused, naming the key', () => {
  const r = configSchema.safeParse({ ...defaults, schedule: { ...defaults.schedule, absenceReport: { ...defaults.schedule.absenceReport, at: '07:30' } } });
  assert.equal(r.success, false);
  assert.deepEqual(r.error!.issues.map((i) => i.path.join('.')), ['schedule.absenceReport.at']);
  const n = configSchema.safeParse({ ...defaults, schedule: { ...defaults.schedule, noCheckoutNotice: { ...defaults.schedule.noCheckoutNotice, at: '17:00' } } });
  assert.deepEqual(n.error!.issues.map((i) => i.path.join('.')), ['schedule.noCheckoutNotice.at']);
});

test('at 07:31 each absent student is reported once and texted to every guardian who chose absence texts; present, excused and do-not-contact are not', async () => {
  const k = setup();
  usualMorning(k);
  k.at(`${MONDAY}T07:30:59Z`);
  assert.deepEqual(await k.jobs.runDue(), []);
  k.at(`${MONDAY}T07:31:00Z`);
  assert.deepEqual(await k.jobs.runDue(), ['absence-report']);

  // Ben: Ada only (Obi did not choose absence texts). Dev: Priya only (Raj is do-not-contact).
  const texts = k.texts();
  assert.deepEqual(texts.map((t) => [t.student, t.phone, t.state]), [
    ['1002', '+447400100002', 'queued'],
    ['1004', '+447400100014', 'queued'],
  ]);
  assert.equal(texts[0]!.body, 'Ben Okafor has not arrived at school for the morning session on 7 December 2026. Please contact the office. - Hill School');
  // Absence goes before routine texts, and is stale after its 8 hours.
  assert.equal(texts[0]!.priority, 3);
  assert.equal(texts[0]!.expiresAt, '2026-12-07T15:31:00.000Z');
  assert.deepEqual(noticesOn(k.db, 'absence', MONDAY).map((n) => [n.studentNumber, n.session, n.textsQueued, n.withdrawnAt]), [
    ['1002', 'morning', 1, null],
    ['1004', 'morning', 1, null],
  ]);
  assert.equal(k.woken(), 1);
  assert.match(await k.metrics.text(), /rollcall_daily_notices_total\{kind="absence"\} 2/);
  assert.match(await k.metrics.text(), /rollcall_daily_job_runs_total\{job="absence-report",result="ok"\} 1/);

  // The same students the office's board shows as absent and not excused, now marked as texted.
  const board = readBoard(k.db, k.config, k.clock.now());
  assert.deepEqual(board.students.filter((s) => s.state === 'absent' && !s.excusedAbsence).map((s) => s.studentNumber), ['1002', '1004']);
  assert.deepEqual(board.students.filter((s) => s.absenceReport).map((s) => [s.studentNumber, s.absenceReport]), [
    ['1002', { at: '07:31', texts: 1 }],
    ['1004', { at: '07:31', texts: 1 }],
  ]);
});

test('the board polled just before the report changes version with it, and loses the mark when the student arrives', async () => {
  const k = setup();
  usualMorning(k);
  k.at(`${MONDAY}T07:30:30Z`);
  const before = readBoard(k.db, k.config, k.clock.now());
  k.at(`${MONDAY}T07:31:00Z`);
  await k.jobs.runDue();
  const after = readBoard(k.db, k.config, k.clock.now());
  assert.notEqual(after.version, before.version);
  k.at(`${MONDAY}T07:45:00Z`);
  k.pin('1004', '4444');
  const later = readBoard(k.db, k.config, k.clock.now());
  assert.deepEqual(later.students.filter((s) => s.absenceReport).map((s) => s.studentNumber), ['1002']);
});

test('re-running the report, in the same process or after a restart, adds no notice and no text', async () => {
  const k = setup();
  usualMorning(k);
  k.at(`${MONDAY}T07:31:00Z`);
  await k.jobs.runDue();
  k.at(`${MONDAY}T07:45:00Z`);
  assert.deepEqual(await k.jobs.runDue(), []);
  const again = runAbsenceReport(k.db, k.config, MONDAY, k.clock.now());
  assert.deepEqual([again.absent.length, again.reported, again.texts], [2, 0, 0]);
  k.db.close();

  const restarted = setup({ file: k.file, now: `${MONDAY}T08:00:00Z` });
  assert.deepEqual(await restarted.jobs.runDue(), []);
  assert.equal(restarted.texts().length, 2);
  assert.equal(noticesOn(restarted.db, 'absence', MONDAY).length, 2);
});

test('a student who arrives after the report: the unsent text ends expired with the reason, and the dispatcher sends the others absence-first', async (t: TestContext) => {
  const k = setup();
  usualMorning(k);
  k.at(`${MONDAY}T07:31:00Z`);
  await k.jobs.runDue();

  // Ben runs in at 07:40: late, and his absence text has not gone out yet.
  k.at(`${MONDAY}T07:40:00Z`);
  assert.equal(k.pin('1002', '2222').outcome, 'recorded');
  const ben = k.texts().find((x) => x.student === '1002')!;
  assert.deepEqual([ben.state, ben.lastError], ['expired', 'arrived at 07:40, before this text was sent']);
  assert.deepEqual(noticesOn(k.db, 'absence', MONDAY).map((n) => [n.studentNumber, n.withdrawnReason]), [
    ['1002', 'arrived at 07:40'],
    ['1004', null],
  ]);

  const fake = await startFakeAndroidGateway({ username: 'sms', password: 'pw' });
  t.after(() => fake.close());
  const dispatcher = createSmsDispatcher({
    db: k.db,
    provider: createAndroidGatewayLocalProvider({ url: fake.url, username: 'sms', password: 'pw', withDeliveryReport: true, timeoutMs: 5_000, clock: k.clock }),
    clock: k.clock,
    log: silentLogger,
    settings: () => ({ limits: k.config.sms.limits, quietHours: k.config.sms.quietHours, timeZone: k.config.school.timezone }),
    monotonic: () => k.clock.now().getTime(),
    random: () => 0,
    pollIntervalMs: 60_000,
  });
  await dispatcher.drainOnce();
  // Dev's absence first, then the late arrivals (Finn's at 07:20, Ben's to both his guardians), then
  // the routine arrivals; Ben's absence text never.
  const sent = fake.received.map((m) => [m.phoneNumbers[0]!, m.text] as const);
  assert.equal(sent.length, 6);
  assert.match(sent[0]![1], /^Dev Patel has not arrived at school/);
  assert.deepEqual(sent.slice(1, 4).map(([phone]) => phone), ['+447400100006', '+447400100002', '+447400100012']);
  assert.ok(sent.every(([, text]) => !text.startsWith('Ben Okafor has not arrived')));
});

test('an absence the office excuses after the report is not texted either', async () => {
  const k = setup();
  usualMorning(k);
  k.at(`${MONDAY}T07:31:00Z`);
  await k.jobs.runDue();
  k.at(`${MONDAY}T07:50:00Z`);
  assert.deepEqual(k.corrections.excuse({ studentId: k.idOf('1004'), date: MONDAY, sessions: ['morning'], kind: 'absence', reason: 'Medical appointment' }, 'office'), { ok: true });
  assert.deepEqual(k.texts().map((x) => [x.student, x.state, x.lastError]), [
    ['1002', 'queued', null],
    ['1004', 'expired', 'the office excused the absence, before this text was sent'],
  ]);
});

test('no report on a holiday or at the weekend', async () => {
  const k = setup({ now: '2026-12-08T07:45:00Z', schedule: { holidays: [{ from: '2026-12-08', to: '2026-12-08', name: 'Staff training' }] } });
  assert.deepEqual(await k.jobs.runDue(), []);
  assert.deepEqual([k.lastRun('absence-report')?.status, k.lastRun('absence-report')?.detail], ['skipped', 'not a school day']);
  k.at('2026-12-12T09:00:00Z'); // Saturday
  assert.deepEqual(await k.jobs.runDue(), []);
  assert.equal(k.texts().length, 0);
  assert.equal(noticesOn(k.db, 'absence', '2026-12-08').length, 0);
});

test('on DST days the report runs at 07:31 school time: neither skipped nor repeated, arrivals counted in school time', async () => {
  // A school open on Sundays, the days London changes its clocks.
  const k = setup({ now: '2026-10-25T05:45:00Z', schedule: { schoolDays: ['sunday', 'monday'] } });
  // Sunday 2026-10-25 has 25 hours: 07:31 GMT is 07:31 UTC, an hour after it would have been the day before.
  const autumn = '2026-10-25';
  k.at(`${autumn}T06:31:00Z`);
  assert.deepEqual(await k.jobs.runDue(), []);
  k.at(`${autumn}T07:05:00Z`);
  for (const [n, p] of [['1001', '1111'], ['1003', '3333'], ['1005', '5555'], ['1006', '6666']] as const) assert.equal(k.pin(n, p).outcome, 'recorded');
  k.at(`${autumn}T07:31:00Z`);
  for (let i = 0; i < 3; i++) {
    await k.jobs.runDue();
    k.clock.advance(3_600_000);
  }
  assert.deepEqual(noticesOn(k.db, 'absence', autumn).map((n) => [n.studentNumber, n.decidedAt]), [
    ['1002', '2026-10-25T07:31:00.000Z'],
    ['1004', '2026-10-25T07:31:00.000Z'],
  ]);

  // Sunday 2027-03-28 has 23 hours: 07:31 BST is 06:31 UTC.
  const spring = '2027-03-28';
  k.at(`${spring}T06:05:00Z`); // 07:05 BST, on time
  for (const [n, p] of [['1001', '1111'], ['1002', '2222'], ['1005', '5555'], ['1006', '6666']] as const) assert.equal(k.pin(n, p).outcome, 'recorded');
  k.at(`${spring}T06:30:59Z`); // 07:30:59 BST: check-in still open
  assert.deepEqual(await k.jobs.runDue(), []);
  k.at(`${spring}T06:31:00Z`);
  assert.deepEqual(await k.jobs.runDue(), ['absence-report']);
  assert.deepEqual(noticesOn(k.db, 'absence', spring).map((n) => n.studentNumber), ['1003', '1004']);
  assert.match(k.texts().find((x) => x.student === '1003')!.body, /^Cara Diaz has not arrived at school for the morning session on 28 March 2027\./);
});

test('a kiosk switched on late catches up with the report until the end of the school day, counting those who came meanwhile', async () => {
  const k = setup({ now: `${MONDAY}T07:05:00Z` });
  usualMorning(k);
  // Off from 07:25 to 09:40; Dev came in by the office at 08:10.
  k.at(`${MONDAY}T08:10:00Z`);
  k.checkIns.checkInManually(k.idOf('1004'), { instant: k.clock.now(), session: 'morning', kind: 'check_in', within: () => {} });
  k.at(`${MONDAY}T09:40:00Z`);
  await k.jobs.start();
  await k.jobs.stop();
  assert.deepEqual(k.texts().map((x) => x.student), ['1002']);
  assert.equal(k.texts()[0]!.expiresAt, '2026-12-07T17:40:00.000Z');

  const evening = setup({ now: `${MONDAY}T17:45:00Z` });
  usualMorning(evening);
  evening.at(`${MONDAY}T17:45:00Z`);
  await evening.jobs.runDue();
  assert.deepEqual([evening.lastRun('absence-report')?.status, evening.texts().length], ['skipped', 0]);
});

test('a kiosk that recorded almost nobody holds the report: no texts, the job fails with the reason', async () => {
  const k = setup();
  k.at(`${MONDAY}T07:10:00Z`);
  k.pin('1001', '1111');
  k.at(`${MONDAY}T07:31:00Z`);
  await k.jobs.runDue();
  assert.equal(k.texts().length, 0);
  const run = k.lastRun('absence-report')!;
  assert.equal(run.status, 'failed');
  assert.match(run.detail, /^absence report held: 5 of 6 students have no arrival \(over 50 %\)/);
  assert.match(await k.metrics.text(), /rollcall_daily_job_runs_total\{job="absence-report",result="failed"\} 1/);
});

test('with the report turned off nothing is texted', async () => {
  const k = setup({ schedule: { absenceReport: { enabled: false, at: null, holdAbovePercent: 50 } } });
  usualMorning(k);
  k.at(`${MONDAY}T07:31:00Z`);
  await k.jobs.runDue();
  assert.equal(k.texts().length, 0);
});

test('no-check-out notice: once at 17:31, to the opted-in guardians of students last seen arriving', async () => {
  const k = setup({ schedule: { noCheckoutNotice: { enabled: true, at: null, holdAbovePercent: 60 } } });
  k.at(`${MONDAY}T07:05:00Z`);
  for (const [n, p] of [['1001', '1111'], ['1002', '2222'], ['1004', '4444'], ['1005', '5555'], ['1006', '6666']] as const) k.pin(n, p);
  // Ana leaves at lunch, comes back and goes home without checking out; Eve and Finn check out.
  k.at(`${MONDAY}T12:00:00Z`);
  k.pin('1001', '1111');
  k.at(`${MONDAY}T12:50:00Z`);
  k.pin('1001', '1111');
  k.at(`${MONDAY}T16:45:00Z`);
  k.pin('1005', '5555');
  k.pin('1006', '6666');
  k.at(`${MONDAY}T17:30:59Z`);
  assert.ok(!(await k.jobs.runDue()).includes('no-checkout-notice'));
  k.at(`${MONDAY}T17:31:00Z`);
  assert.deepEqual(await k.jobs.runDue(), ['no-checkout-notice']);

  assert.deepEqual(noticesOn(k.db, 'no_checkout', MONDAY).map((n) => [n.studentNumber, n.session, n.textsQueued]), [
    ['1001', 'afternoon', 1],
    ['1002', 'morning', 1], // Ada chose it; Obi did not
    ['1004', 'morning', 1], // Priya; Raj is do-not-contact
  ]);
  const texts = k.texts('no_checkout');
  assert.equal(texts[0]!.body, 'Ana Silva did not check out of school on 7 December 2026 (afternoon). - Hill School');
  assert.deepEqual(texts.map((x) => x.phone), ['+447400100001', '+447400100002', '+447400100014']);

  k.at(`${MONDAY}T18:30:00Z`);
  await k.jobs.runDue();
  assert.equal(k.texts('no_checkout').length, 3);
});

test('no-check-out notice: off by default, and held when most who came never checked out', async () => {
  const off = setup({ now: `${MONDAY}T07:05:00Z` });
  off.pin('1001', '1111');
  off.at(`${MONDAY}T17:31:00Z`);
  await off.jobs.runDue();
  assert.equal(off.texts('no_checkout').length, 0);

  const k = setup({ now: `${MONDAY}T07:05:00Z`, schedule: { noCheckoutNotice: { enabled: true, at: '18:00', holdAbovePercent: 50 } } });
  for (const [n, p] of [['1001', '1111'], ['1002', '2222'], ['1003', '3333']] as const) k.pin(n, p);
  k.at(`${MONDAY}T16:45:00Z`);
  k.pin('1001', '1111');
  k.at(`${MONDAY}T17:45:00Z`);
  assert.ok(!(await k.jobs.runDue()).includes('no-checkout-notice'));
  k.at(`${MONDAY}T18:00:00Z`);
  await k.jobs.runDue();
  assert.equal(k.texts('no_checkout').length, 0);
  assert.match(k.lastRun('no-checkout-notice')!.detail, /^no-check-out notice held: 2 of 3 students who came did not check out/);
});

test('a check-out the office records after the notice withdraws its unsent text', async () => {
  const k = setup({ now: `${MONDAY}T07:05:00Z`, schedule: { noCheckoutNotice: { enabled: true, at: null, holdAbovePercent: 100 } } });
  k.pin('1001', '1111');
  k.at(`${MONDAY}T17:31:00Z`);
  await k.jobs.runDue();
  k.at(`${MONDAY}T17:40:00Z`);
  const r = k.checkIns.checkInManually(k.idOf('1001'), { instant: new Date(`${MONDAY}T17:00:00Z`), session: 'afternoon', kind: 'check_out', within: () => {} });
  assert.equal(r.outcome, 'recorded');
  assert.deepEqual(k.texts('no_checkout').map((x) => [x.state, x.lastError]), [['expired', 'checked out at 17:00, before this text was sent']]);
});
