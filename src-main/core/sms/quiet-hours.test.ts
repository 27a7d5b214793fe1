import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quietHoursEnd } from './quiet-hours.js';

const quiet = ['22:00', '06:00'] as const;
const end = (iso: string, hours: readonly [string, string] | null = quiet, tz = 'Europe/London') => quietHoursEnd(new Date(iso), hours, tz)?.toISOString() ?? null;

test('quiet hours 22:00-06:00 wrap midnight: 21:59 and 06:00 are open, 22:00 and 05:59 are quiet', () => {
  assert.equal(end('2026-12-07T21:59:59Z'), null);
  assert.equal(end('2026-12-07T22:00:00Z'), '2026-12-08T06:00:00.000Z');
  assert.equal(end('2026-12-08T05:59:59Z'), '2026-12-08T06:00:00.000Z');
  assert.equal(end('2026-12-08T06:00:00Z'), null);
});

test('quiet hours are read on the school clock, in summer time too', () => {
  // 21:30 UTC is 22:30 BST: quiet, until 06:00 BST = 05:00 UTC.
  assert.equal(end('2026-07-01T21:30:00Z'), '2026-07-02T05:00:00.000Z');
  assert.equal(end('2026-07-01T20:59:00Z'), null);
});

test('on the night the clocks go forward, quiet hours still end at 06:00 local', () => {
  // 2026-03-29: 01:00 GMT becomes 02:00 BST. 23:00 GMT on the 28th → 06:00 BST = 05:00 UTC.
  assert.equal(end('2026-03-28T23:00:00Z'), '2026-03-29T05:00:00.000Z');
});

test('a window that does not wrap, and no quiet hours at all', () => {
  assert.equal(end('2026-12-07T12:30:00Z', ['12:00', '13:00']), '2026-12-07T13:00:00.000Z');
  assert.equal(end('2026-12-07T13:00:00Z', ['12:00', '13:00']), null);
  assert.equal(end('2026-12-07T23:00:00Z', null), null);
});
