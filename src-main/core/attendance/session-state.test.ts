import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../config/load.js';
import { readFileSync } from 'node:fs';
import { sessionPhase, studentSession, type EffectiveRecord } from './session-state.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const morning = parseConfig(defaults).schedule.sessions[0]!;

const rec = (kind: EffectiveRecord['kind'], status: EffectiveRecord['status'] = 'on_time'): EffectiveRecord => ({
  id: 1, studentId: 1, localDate: '2026-12-07', session: 'morning', kind, status, localTime: '07:05:00', minutesLate: 0, method: 'face', corrected: false,
});

test('nobody is absent until the check-in window has closed; a past day is over and a future one not begun', () => {
  // [date, seconds of day now (today is 2026-12-07), phase]
  const rows = [
    ['2026-12-07', 7 * 3600 + 30 * 60, 'before'],
    ['2026-12-07', 7 * 3600 + 30 * 60 + 1, 'after'],
    ['2026-12-04', 0, 'after'],
    ['2026-12-08', 86_399, 'before'],
  ] as const;
  for (const [date, seconds, phase] of rows) assert.equal(sessionPhase(morning, date, '2026-12-07', seconds), phase, `${date} ${seconds}`);
});

test('where a student stands follows from the records, the excuses and the phase', () => {
  const none = { absence: false, late: false };
  // [records, excuses, phase, state, late, excusedLate, excusedAbsence]
  const rows = [
    [[], none, 'before', 'not_arrived', false, false, false],
    [[], none, 'after', 'absent', false, false, false],
    [[], { absence: true, late: false }, 'before', 'absent', false, false, true],
    [[rec('check_in')], none, 'after', 'present', false, false, false],
    [[rec('check_in', 'late')], none, 'after', 'late', true, false, false],
    [[rec('check_in', 'late')], { absence: false, late: true }, 'after', 'late', true, true, false],
    [[rec('check_in', 'late'), rec('check_out')], none, 'after', 'checked_out', true, false, false],
    // A check-out with no check-in: the student was in school.
    [[rec('check_out')], { absence: true, late: false }, 'after', 'checked_out', false, false, false],
    // An excuse for absence stops counting once the student comes.
    [[rec('check_in')], { absence: true, late: false }, 'after', 'present', false, false, false],
  ] as const;
  for (const [records, excuses, phase, state, late, excusedLate, excusedAbsence] of rows) {
    const s = studentSession([...records], excuses, phase);
    assert.deepEqual([s.state, s.late, s.excusedLate, s.excusedAbsence], [state, late, excusedLate, excusedAbsence], JSON.stringify({ records: records.map((r) => r.kind), excuses, phase }));
  }
});
