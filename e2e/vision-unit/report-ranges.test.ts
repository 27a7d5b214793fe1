import { test } from 'node:test';
import assert from 'node:assert/strict';
import { presets } from '../../src-renderer/admin/reports/ranges.js';

const range = (today: string, label: string) => presets(today).find((p) => p.label === label)!.range;

test('on Friday 4 December 2026 "This week" runs from Monday 30 November to that Friday, not to Sunday', () => {
  assert.deepEqual(range('2026-12-04', 'This week'), { from: '2026-11-30', to: '2026-12-04' });
});

test('on a Monday "This week" is that one day and "Last week" the whole week before', () => {
  assert.deepEqual(range('2026-12-07', 'This week'), { from: '2026-12-07', to: '2026-12-07' });
  assert.deepEqual(range('2026-12-07', 'Last week'), { from: '2026-11-30', to: '2026-12-06' });
});

test('no preset ends after today', () => {
  for (const today of ['2026-12-04', '2026-12-06', '2027-01-01', '2026-03-29']) {
    for (const p of presets(today)) assert.ok(p.range.to <= today, `${p.label} on ${today}`);
  }
});
