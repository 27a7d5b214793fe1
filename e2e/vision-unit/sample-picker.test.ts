import { test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeSample, nextPrompt } from '../../src-renderer/admin/enrolment/sample-picker.js';

const v = (...xs: number[]) => [...xs, ...new Array(128 - xs.length).fill(0)];

test('enrolment keeps the first good sample, then only ones that differ from every kept sample', () => {
  const first = { embedding: v(1, 0, 0), yawDeg: 0 };
  assert.equal(judgeSample([], -Infinity, first, 0), 'kept');
  assert.equal(judgeSample([first], 0, { embedding: v(1, 0.01, 0), yawDeg: 1 }, 1000), 'copy');
  assert.equal(judgeSample([first], 0, { embedding: v(1, 0.01, 0), yawDeg: 9 }, 1000), 'kept');
  assert.equal(judgeSample([first], 0, { embedding: v(1, 0.3, 0), yawDeg: 0 }, 1000), 'kept');
});

test('a sample too soon after the last, or of another person, is not kept', () => {
  const first = { embedding: v(1, 0, 0), yawDeg: 0 };
  assert.equal(judgeSample([first], 0, { embedding: v(1, 0.3, 0), yawDeg: 0 }, 200), 'too_soon');
  assert.equal(judgeSample([first], 0, { embedding: v(0, 1, 0), yawDeg: 0 }, 1000), 'other_person');
});

test('three kept samples are enough, and the prompts ask for straight, left, right', () => {
  const k = [v(1), v(0.9, 0.4), v(0.9, -0.4)].map((embedding) => ({ embedding, yawDeg: 0 }));
  assert.equal(judgeSample(k, 0, { embedding: v(0.8, 0, 0.5), yawDeg: 0 }, 5000), 'full');
  assert.deepEqual([0, 1, 2, 3].map((n) => nextPrompt(n)), ['look_straight', 'turn_left', 'turn_right', 'done']);
});
