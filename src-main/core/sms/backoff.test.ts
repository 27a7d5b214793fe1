import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultBackoff, retryDelayMs } from './backoff.js';

test('a failing text waits 2 s, then twice as long each time, never more than 5 minutes', () => {
  const noJitter = () => 0;
  const table: Array<[attempts: number, delayMs: number]> = [
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [8, 256_000],
    [9, 300_000],
    [50, 300_000],
    [5_000, 300_000],
  ];
  for (const [attempts, delayMs] of table) assert.equal(retryDelayMs(attempts, defaultBackoff, noJitter), delayMs, `attempt ${attempts}`);
});

test('jitter only shortens a wait, by at most a tenth', () => {
  assert.equal(retryDelayMs(1, defaultBackoff, () => 0.5), 1_900);
  assert.equal(retryDelayMs(20, defaultBackoff, () => 0.999), 270_030);
});

test("the gateway's Retry-After wins when it is longer than the backoff", () => {
  assert.equal(retryDelayMs(1, defaultBackoff, () => 0, 30_000), 30_000);
  assert.equal(retryDelayMs(5, defaultBackoff, () => 0, 1_000), 32_000);
});
