import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../config/load.js';
import { toSchoolTime } from '../time/school-time.js';
import { nextCheckInOpening } from './next-check-in.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const LONDON = 'Europe/London';

// Morning check-in 07:30-08:00 and afternoon 12:30-13:00 with a gap between the sessions.
function schedule(holidays: unknown[] = []) {
  const morning = { name: 'morning', start: '08:00', end: '12:00', checkIn: ['07:30', '08:30'], checkOut: ['11:30', '12:00'], lateAfterMinutes: 15 };
  const afternoon = { name: 'afternoon', start: '13:00', end: '16:00', checkIn: ['12:30', '13:15'], checkOut: ['15:30', '16:30'], lateAfterMinutes: 15 };
  return parseConfig({ ...defaults, schedule: { ...defaults.schedule, sessions: [morning, afternoon], holidays } }).schedule;
}

const at = (iso: string, zone = LONDON) => toSchoolTime(new Date(iso), zone);

test('between the morning and the afternoon, check-in opens again today at the afternoon window', () => {
  assert.deepEqual(nextCheckInOpening(schedule(), at('2026-12-07T12:10:00Z')), { date: '2026-12-07', time: '12:30', session: 'afternoon' });
});

test('before the first window of a school day it is that morning', () => {
  assert.deepEqual(nextCheckInOpening(schedule(), at('2026-12-08T06:00:00Z')), { date: '2026-12-08', time: '07:30', session: 'morning' });
});

test('after the last session it is the next morning, across midnight in the school zone', () => {
  assert.deepEqual(nextCheckInOpening(schedule(), at('2026-12-07T17:00:00Z')), { date: '2026-12-08', time: '07:30', session: 'morning' });
  // 23:30 in New York is already the next day in UTC; the school's own date decides.
  assert.deepEqual(nextCheckInOpening(schedule(), at('2026-12-08T04:30:00Z', 'America/New_York')), { date: '2026-12-08', time: '07:30', session: 'morning' });
});

test('on Friday evening and over the weekend it is Monday morning', () => {
  assert.deepEqual(nextCheckInOpening(schedule(), at('2026-12-11T17:00:00Z')), { date: '2026-12-14', time: '07:30', session: 'morning' });
  assert.deepEqual(nextCheckInOpening(schedule(), at('2026-12-13T10:00:00Z')), { date: '2026-12-14', time: '07:30', session: 'morning' });
});

test('holidays are skipped: a single day and a winter break running over the new year', () => {
  assert.deepEqual(nextCheckInOpening(schedule(['2026-12-08']), at('2026-12-07T17:00:00Z'))?.date, '2026-12-09');
  const winter = schedule([{ from: '2026-12-21', to: '2027-01-01', name: 'Winter break' }]);
  assert.deepEqual(nextCheckInOpening(winter, at('2026-12-18T17:00:00Z')), { date: '2027-01-04', time: '07:30', session: 'morning' });
});

test('on the day the clocks go forward the morning window is still found at its wall-clock time', () => {
  // Sunday 29 March 2026, 01:30 UTC is 02:30 BST; Monday 30 March is a school day.
  assert.deepEqual(nextCheckInOpening(schedule(), at('2026-03-29T01:30:00Z')), { date: '2026-03-30', time: '07:30', session: 'morning' });
});

test('a school closed for longer than a year has no opening to show', () => {
  const closed = schedule([{ from: '2026-12-01', to: '2028-12-31', name: 'Rebuilding' }]);
  assert.equal(nextCheckInOpening(closed, at('2026-12-07T17:00:00Z')), null);
});
