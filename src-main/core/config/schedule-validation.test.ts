// A careless edit of the schedule must be refused with a message naming the key, not accepted and
// then acted on: these values pass the config check today and make the kiosk record the wrong thing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseConfig } from './load.js';
import { decideAttendance } from '../attendance/rules.js';
import { toSchoolTime } from '../time/school-time.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const withMorning = (morning: Record<string, unknown>) => ({
  ...defaults,
  schedule: { ...defaults.schedule, sessions: [{ ...defaults.schedule.sessions[0], ...morning }, defaults.schedule.sessions[1]] },
});

test('a check-out window that overlaps the check-in window is refused, naming the session', () => {
  // Typed 07:00 for 11:00: as accepted today, a student arriving at 07:10 is recorded as checked out.
  const raw = withMorning({ checkIn: ['06:30', '07:30'], checkOut: ['07:00', '12:30'] });
  let accepted: ReturnType<typeof parseConfig> | null = null;
  try {
    accepted = parseConfig(raw);
  } catch (e) {
    assert.match((e as Error).message, /schedule\.sessions\.0/);
  }
  if (accepted) {
    const instant = new Date('2026-12-07T07:10:00Z');
    const d = decideAttendance({ schedule: accepted.schedule, at: toSchoolTime(instant, 'Europe/London'), instant, today: [] });
    assert.fail(`accepted, and a 07:10 arrival is decided as ${JSON.stringify(d)}`);
  }
});

test('a session whose check-in opens before the previous session closes is refused', () => {
  // The afternoon opening at 11:00 sits inside the morning's check-out: the earlier session wins,
  // so afternoon arrivals between 11:00 and 12:30 are recorded against the morning (late, or as a check-out).
  const raw = {
    ...defaults,
    schedule: { ...defaults.schedule, sessions: [defaults.schedule.sessions[0], { ...defaults.schedule.sessions[1], checkIn: ['11:00', '13:30'] }] },
  };
  assert.throws(() => parseConfig(raw), /schedule\.sessions/);
});

test('a holiday on a day that does not exist is refused', () => {
  assert.throws(() => parseConfig({ ...defaults, schedule: { ...defaults.schedule, holidays: ['2026-02-30'] } }), /schedule\.holidays/);
});

test('a country code that is no country is refused (every guardian phone would then fail to import)', () => {
  assert.throws(() => parseConfig({ ...defaults, school: { ...defaults.school, country: 'XX' } }), /school\.country/);
});
