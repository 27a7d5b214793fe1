import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile, verificationReport, type Labelled } from './verification.js';

const unit = (...xs: number[]) => {
  const n = Math.hypot(...xs);
  return new Float32Array(xs.map((x) => x / n));
};

test('perfectly separated identities give full acceptance at zero false accepts and top-1 of 1', () => {
  const items: Labelled[] = [
    { identity: 'a', file: '1', embedding: unit(1, 0.01, 0) },
    { identity: 'a', file: '2', embedding: unit(1, -0.01, 0) },
    { identity: 'b', file: '1', embedding: unit(0, 1, 0.01) },
    { identity: 'b', file: '2', embedding: unit(0, 1, -0.01) },
  ];
  const r = verificationReport(items, [0.5]);
  assert.equal(r.genuinePairs, 2);
  assert.equal(r.impostorPairs, 4);
  assert.equal(r.tarAtZeroFa, 1);
  assert.equal(r.eer, 0);
  assert.equal(r.top1OneEnrolment, 1);
  assert.deepEqual(r.atThresholds, [{ threshold: 0.5, tar: 1, far: 0 }]);
});

test('percentiles interpolate between samples', () => {
  assert.equal(percentile([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(percentile([10], 0.95), 10);
});
