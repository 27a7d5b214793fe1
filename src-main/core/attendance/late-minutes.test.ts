// A school with no grace period (lateAfterMinutes 0) marks 07:00:30 late; the text the guardian gets
// must not then say "0 minutes late".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../config/load.js';
import { toSchoolTime } from '../time/school-time.js';
import { decideAttendance } from './rules.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

test('a late arrival is never "0 minutes late"', () => {
  const config = parseConfig({
    ...defaults,
    schedule: { ...defaults.schedule, sessions: [{ ...defaults.schedule.sessions[0], lateAfterMinutes: 0 }, defaults.schedule.sessions[1]] },
  });
  const instant = new Date('2026-12-07T07:00:30Z');
  const d = decideAttendance({ schedule: config.schedule, at: toSchoolTime(instant, 'Europe/London'), instant, today: [] });
  assert.equal(d.action, 'record');
  if (d.action === 'record' && d.status === 'late') assert.ok(d.minutesLate >= 1, `late by ${d.minutesLate} minutes`);
});
