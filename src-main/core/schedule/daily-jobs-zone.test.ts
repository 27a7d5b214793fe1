// The school's time zone changed on the admin screen moves the daily jobs at once, not at the next start.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createDailyJobs } from './daily-jobs.js';

test('a daily job follows a time zone changed while the kiosk runs', async () => {
  const db = openDatabase(join(tempDir(), 'rollcall.db'));
  // 07:50 UTC on a Monday: 07:50 in London, 02:50 in New York.
  const clock = manualClock(new Date('2026-12-07T07:50:00Z'));
  let timezone = 'America/New_York';
  const jobs = createDailyJobs({ db, clock, log: silentLogger, timezone: () => timezone, isSchoolDay: () => true });
  const runs: string[] = [];
  jobs.register({ name: 'absence-report', at: '07:45', run: ({ localDate }) => void runs.push(localDate) });
  assert.deepEqual(await jobs.runDue(), [], 'not yet 07:45 in New York');
  timezone = 'Europe/London';
  assert.deepEqual(await jobs.runDue(), ['absence-report']);
  assert.deepEqual(runs, ['2026-12-07']);
});
