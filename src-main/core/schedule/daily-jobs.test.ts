import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createDailyJobs, decideDaily, type DailyJob } from './daily-jobs.js';
import { isHoliday, schoolDayCalendar } from './school-days.js';

const LONDON = 'Europe/London';
const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'] as const;

function setup(start: string, opts: { holidays?: string[]; everyDay?: boolean; file?: string } = {}) {
  const file = opts.file ?? join(tempDir(), 'rollcall.db');
  const db = openDatabase(file);
  const clock = manualClock(new Date(start));
  const isSchoolDay = opts.everyDay ? () => true : schoolDayCalendar({ timezone: LONDON, schoolDays: weekdays, holidays: opts.holidays ?? [] });
  const jobs = createDailyJobs({ db, clock, log: silentLogger, timezone: LONDON, isSchoolDay });
  const runs: string[] = [];
  const job = (name: string, at: string, until?: string): DailyJob => ({ name, at, ...(until ? { until } : {}), run: ({ localDate }) => void runs.push(`${name} ${localDate}`) });
  return { db, clock, jobs, runs, job, file };
}

test('the decision table: wait before the time, run once, skip non-school days and late boots after the cut-off', () => {
  const job = { at: '09:30', until: '12:00' };
  assert.equal(decideDaily(job, { date: '2026-12-07', hhmm: '09:29' }, false, true), 'wait');
  assert.equal(decideDaily(job, { date: '2026-12-07', hhmm: '09:30' }, false, true), 'run');
  assert.equal(decideDaily(job, { date: '2026-12-07', hhmm: '11:59' }, false, true), 'run');
  assert.equal(decideDaily(job, { date: '2026-12-07', hhmm: '12:01' }, false, true), 'too-late');
  assert.equal(decideDaily(job, { date: '2026-12-07', hhmm: '10:00' }, true, true), 'done');
  assert.equal(decideDaily(job, { date: '2026-12-05', hhmm: '10:00' }, false, false), 'not-school-day');
});

test('a job runs once on a school day however often the due check runs, and again the next school day', async () => {
  const k = setup('2026-12-07T09:00:00Z');
  k.jobs.register(k.job('absence-report', '09:30', '12:00'));
  assert.deepEqual(await k.jobs.runDue(), []);
  k.clock.set(new Date('2026-12-07T09:30:00Z'));
  assert.deepEqual(await k.jobs.runDue(), ['absence-report']);
  for (let i = 0; i < 5; i++) {
    k.clock.advance(5 * 60_000);
    await k.jobs.runDue();
  }
  k.clock.set(new Date('2026-12-08T09:31:00Z'));
  await k.jobs.runDue();
  assert.deepEqual(k.runs, ['absence-report 2026-12-07', 'absence-report 2026-12-08']);
  assert.deepEqual(k.jobs.lastRun('absence-report'), { localDate: '2026-12-08', status: 'ok', finishedAt: '2026-12-08T09:31:00.000Z' });
});

test('a kiosk switched on late catches up before the cut-off, and settles the day as skipped after it', async () => {
  const k = setup('2026-12-07T10:40:00Z');
  k.jobs.register(k.job('absence-report', '09:30', '12:00'));
  k.jobs.register(k.job('retention', '18:00'));
  await k.jobs.start();
  await k.jobs.stop();
  assert.deepEqual(k.runs, ['absence-report 2026-12-07']);
  const late = setup('2026-12-08T12:30:00Z');
  late.jobs.register(late.job('absence-report', '09:30', '12:00'));
  await late.jobs.runDue();
  assert.deepEqual(late.runs, []);
  assert.deepEqual(late.jobs.lastRun('absence-report'), { localDate: '2026-12-08', status: 'skipped', finishedAt: null });
});

test('a restart after the run does not run it again (the day is recorded in SQLite)', async () => {
  const k = setup('2026-12-07T09:45:00Z');
  k.jobs.register(k.job('absence-report', '09:30'));
  await k.jobs.runDue();
  k.db.close();
  const again = setup('2026-12-07T10:00:00Z', { file: k.file });
  again.jobs.register(again.job('absence-report', '09:30'));
  await again.jobs.runDue();
  assert.deepEqual([...k.runs, ...again.runs], ['absence-report 2026-12-07']);
});

test('a run cut off by a crash is tried once more at the next start; a run that dies twice is not tried again', async () => {
  const hang = (name: string): DailyJob => ({ name, at: '09:30', run: () => new Promise<void>(() => {}) });
  const first = setup('2026-12-07T09:45:00Z');
  first.jobs.register(hang('absence-report'));
  void first.jobs.runDue(); // the process dies mid-run: nothing records the end
  first.db.close();

  const second = setup('2026-12-07T09:50:00Z', { file: first.file });
  second.jobs.register(second.job('absence-report', '09:30'));
  await second.jobs.start();
  await second.jobs.stop();
  assert.deepEqual(second.runs, ['absence-report 2026-12-07']);
  assert.equal((second.db.prepare('SELECT detail FROM daily_job_runs').get() as { detail: string }).detail, '');
  second.db.close();

  const third = setup('2026-12-08T09:45:00Z', { file: first.file });
  third.jobs.register(hang('absence-report'));
  void third.jobs.start();
  void third.jobs.stop(); // its cron tasks go; the run itself never ends
  third.db.close();
  const fourth = setup('2026-12-08T09:50:00Z', { file: first.file });
  fourth.jobs.register(hang('absence-report'));
  void fourth.jobs.start(); // the retry dies too
  void fourth.jobs.stop();
  fourth.db.close();
  const fifth = setup('2026-12-08T09:55:00Z', { file: first.file });
  fifth.jobs.register(fifth.job('absence-report', '09:30'));
  await fifth.jobs.start();
  await fifth.jobs.stop();
  assert.deepEqual(fifth.runs, []);
  assert.deepEqual(fifth.db.prepare("SELECT status, detail FROM daily_job_runs WHERE local_date = '2026-12-08'").get(), { status: 'failed', detail: 'interrupted twice; not retried' });
});

test('holidays and weekends are skipped', async () => {
  const k = setup('2026-12-21T10:00:00Z', { holidays: ['2026-12-21..2027-01-01'] });
  k.jobs.register(k.job('absence-report', '09:30'));
  await k.jobs.runDue(); // Monday, in the holiday
  k.clock.set(new Date('2027-01-02T10:00:00Z')); // Saturday
  await k.jobs.runDue();
  k.clock.set(new Date('2027-01-04T10:00:00Z')); // Monday, term again
  await k.jobs.runDue();
  assert.deepEqual(k.runs, ['absence-report 2027-01-04']);
  assert.equal(isHoliday('2026-12-25', ['2026-12-21..2027-01-01']), true);
  assert.equal(isHoliday('2027-01-02', ['2026-12-21..2027-01-01', '2027-01-05']), false);
});

test('spring forward: a job set inside the missing hour still runs once that day (node-cron alone would skip it)', async () => {
  // Sunday 28 March 2027, London: 01:00 GMT becomes 02:00 BST; 01:30 never happens.
  const k = setup('2027-03-28T00:50:00Z', { everyDay: true });
  k.jobs.register(k.job('retention', '01:30'));
  await k.jobs.runDue(); // 00:50 local
  assert.deepEqual(k.runs, []);
  for (let t = 0; t < 24; t++) {
    k.clock.advance(5 * 60_000);
    await k.jobs.runDue();
  }
  assert.deepEqual(k.runs, ['retention 2027-03-28']);
  assert.equal(k.jobs.lastRun('retention')!.finishedAt, '2027-03-28T01:00:00.000Z', 'at 02:00 BST, the first moment past 01:30');
});

test('fall back: a job in the repeated hour runs once, not twice', async () => {
  // Sunday 25 October 2026, London: 01:00-02:00 happens in BST and again in GMT.
  const k = setup('2026-10-25T00:00:00Z', { everyDay: true });
  k.jobs.register(k.job('retention', '01:30'));
  for (let t = 0; t < 36; t++) {
    await k.jobs.runDue();
    k.clock.advance(5 * 60_000);
  }
  assert.deepEqual(k.runs, ['retention 2026-10-25']);
  assert.equal(k.jobs.lastRun('retention')!.finishedAt, '2026-10-25T00:30:00.000Z', 'the first 01:30 (BST)');
});

test('clock steps: back an hour after the run does not repeat it; forward past the time runs it once', async () => {
  const k = setup('2026-12-07T09:35:00Z');
  k.jobs.register(k.job('absence-report', '09:30'));
  await k.jobs.runDue();
  k.clock.advance(-3600_000);
  await k.jobs.runDue();
  k.clock.advance(2 * 3600_000);
  await k.jobs.runDue();
  const fwd = setup('2026-12-08T08:45:00Z');
  fwd.jobs.register(fwd.job('absence-report', '09:30'));
  await fwd.jobs.runDue();
  fwd.clock.advance(3600_000);
  await fwd.jobs.runDue();
  await fwd.jobs.runDue();
  assert.deepEqual([...k.runs, ...fwd.runs], ['absence-report 2026-12-07', 'absence-report 2026-12-08']);
});

test('a failing job is recorded as failed with its reason, and other jobs still run', async () => {
  const k = setup('2026-12-07T19:00:00Z');
  k.jobs.register({ name: 'no-check-out', at: '18:00', run: () => { throw new Error('report table missing'); } });
  k.jobs.register(k.job('retention', '18:30'));
  await k.jobs.runDue();
  assert.deepEqual(k.runs, ['retention 2026-12-07']);
  assert.deepEqual(k.db.prepare("SELECT status, detail FROM daily_job_runs WHERE job = 'no-check-out'").get(), { status: 'failed', detail: 'report table missing' });
});

test('names and times are checked when a job is registered', () => {
  const k = setup('2026-12-07T09:00:00Z');
  assert.throws(() => k.jobs.register(k.job('Absence Report', '09:30')), /lower case/);
  assert.throws(() => k.jobs.register(k.job('absence-report', '9:30')), /HH:MM/);
  k.jobs.register(k.job('absence-report', '09:30'));
  assert.throws(() => k.jobs.register(k.job('absence-report', '10:30')), /twice/);
});
