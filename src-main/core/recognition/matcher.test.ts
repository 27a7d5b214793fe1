import { test } from 'node:test';
import assert from 'node:assert/strict';
import { matchFace, type GalleryEntry } from './matcher.js';
import { l2normalise } from './vectors.js';

// Unit vectors in a 4-d space with chosen cosines are enough to pin the decision down.
const v = (...xs: number[]) => l2normalise(xs);
const policy = { acceptThreshold: 0.9, unknownThreshold: 0.8, margin: 0.05 };
const gallery: GalleryEntry[] = [
  { studentId: 1, templates: [v(1, 0, 0, 0), v(0.95, 0.31, 0, 0)], lookAlike: false },
  { studentId: 2, templates: [v(0, 1, 0, 0)], lookAlike: false },
  { studentId: 3, templates: [v(0, 0, 1, 0)], lookAlike: true },
];

test('a face close to one student and far from the rest is that student', () => {
  const r = matchFace([v(1, 0.05, 0, 0), v(0.99, 0, 0.05, 0)], gallery, policy);
  assert.equal(r.outcome, 'match');
  assert.equal(r.outcome === 'match' && r.studentId, 1);
});

test('a stranger far from everyone is unknown', () => {
  assert.equal(matchFace([v(0, 0, 0, 1)], gallery, policy).outcome, 'unknown');
});

test('a score between the unknown and accept thresholds asks for a second factor', () => {
  const r = matchFace([v(1, 0, 0, 0.75)], gallery, policy); // cosine 0.8 to student 1
  assert.deepEqual(r.outcome === 'uncertain' && r.reason, 'below_accept');
});

test('a face equally close to two students asks for a second factor', () => {
  const twins: GalleryEntry[] = [
    { studentId: 1, templates: [v(1, 0.1, 0, 0)], lookAlike: false },
    { studentId: 2, templates: [v(1, -0.1, 0, 0)], lookAlike: false },
  ];
  const r = matchFace([v(1, 0, 0, 0)], twins, policy);
  assert.deepEqual(r.outcome === 'uncertain' && r.reason, 'too_close_to_runner_up');
});

test('a student flagged as a look-alike always confirms with a second factor', () => {
  const r = matchFace([v(0, 0, 1, 0)], gallery, policy);
  assert.deepEqual(r.outcome === 'uncertain' && r.reason, 'look_alike');
});

test('an empty gallery recognises nobody', () => {
  assert.equal(matchFace([v(1, 0, 0, 0)], [], policy).outcome, 'unknown');
});

test('the frames are averaged, so one stray frame cannot carry a match', () => {
  const r = matchFace([v(1, 0, 0, 0), v(0, 0, 0, 1), v(0, 0, 0, 1)], gallery, policy);
  assert.notEqual(r.outcome, 'match');
});
