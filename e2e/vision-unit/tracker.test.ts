// The tracker: a student who stands in front of the kiosk is asked about once, and only on frames
// that agree with each other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Box } from '../../src-renderer/vision/geometry.js';
import { createTracker, defaultTrackerConfig, type Ask } from '../../src-renderer/vision/tracker.js';

const frame = { width: 640, height: 480 };
const here: Box = { x: 240, y: 140, width: 160, height: 160 };
const K = 3;
const FRAME_MS = 33;

/** A unit vector pointing mostly along axis `who`, wobbling a little per frame like real embeddings. */
function person(who: number, wobble = 0): Float32Array {
  const v = new Float32Array(128).fill(0.02);
  v[who] = 1;
  v[(who + 1 + wobble) % 128]! += 0.15;
  let n = 0;
  for (const x of v) n += x * x;
  return v.map((x) => x / Math.sqrt(n));
}

function setup() {
  const tracker = createTracker({ ...defaultTrackerConfig, agreeFrames: K });
  let now = 1000;
  const asks: Ask[] = [];
  /** One camera frame: the face (or none), its quality, and who it is. */
  const step = (face: { box?: Box; who: number; qualityOk?: boolean; wobble?: number } | null) => {
    now += FRAME_MS;
    const index = tracker.select(now, face ? [face.box ?? here] : [], frame);
    if (index === null || !face) return;
    const qualityOk = face.qualityOk ?? true;
    const embedding = qualityOk && tracker.wantsEmbedding(now) ? person(face.who, face.wobble ?? 0) : null;
    const ask = tracker.observe(now, { qualityOk, quality: 0.8, embedding });
    if (ask) asks.push(ask);
  };
  const wait = (ms: number) => {
    const frames = Math.ceil(ms / FRAME_MS);
    for (let i = 0; i < frames; i++) step(null);
  };
  return { tracker, asks, step, wait, now: () => now };
}

test(`a student in view is asked once, after ${K} agreeing frames, with those ${K} embeddings`, () => {
  const { asks, step } = setup();
  step({ who: 5 });
  step({ who: 5, wobble: 1 });
  assert.equal(asks.length, 0, 'not before K frames');
  step({ who: 5, wobble: 2 });
  assert.equal(asks.length, 1);
  assert.equal(asks[0]!.embeddings.length, K);
  assert.ok(Math.abs(asks[0]!.quality - 0.8) < 1e-9);
});

test("after 'done', a student who stays in view is not asked again", () => {
  const { tracker, asks, step } = setup();
  for (let i = 0; i < K; i++) step({ who: 5 });
  tracker.answer(asks[0]!.trackId, 'done', 0);
  for (let i = 0; i < 300; i++) step({ who: 5, wobble: i % 3 }); // 10 s in view
  assert.equal(asks.length, 1);
});

test('frames that disagree with each other never make an ask', () => {
  const { asks, step } = setup();
  for (let i = 0; i < 60; i++) step({ who: i % 2 === 0 ? 5 : 40 });
  assert.equal(asks.length, 0);
});

test('a frame that fails quality breaks the run of agreeing frames', () => {
  const { asks, step } = setup();
  step({ who: 5 });
  step({ who: 5 });
  step({ who: 5, qualityOk: false });
  step({ who: 5 });
  step({ who: 5 });
  assert.equal(asks.length, 0);
  step({ who: 5 });
  assert.equal(asks.length, 1);
});

test('the same student is asked again only after being gone for the absence time', () => {
  const { tracker, asks, step, wait } = setup();
  for (let i = 0; i < K; i++) step({ who: 5 });
  tracker.answer(asks[0]!.trackId, 'done', 0);
  wait(300); // a detector miss or a turn of the head: same track
  for (let i = 0; i < 10; i++) step({ who: 5 });
  assert.equal(asks.length, 1, 'a short gap is not a new visit');
  wait(defaultTrackerConfig.absenceMs + 100);
  for (let i = 0; i < K; i++) step({ who: 5 });
  assert.equal(asks.length, 2, 'after the absence time it is a new visit');
  assert.notEqual(asks[1]!.trackId, asks[0]!.trackId);
});

test("'retry' allows another ask, but not before the retry time", () => {
  const { tracker, asks, step, now } = setup();
  for (let i = 0; i < K; i++) step({ who: 5 });
  tracker.answer(asks[0]!.trackId, 'retry', now());
  const retryFrames = Math.floor(defaultTrackerConfig.retryMs / FRAME_MS) - 1;
  for (let i = 0; i < retryFrames; i++) step({ who: 5 });
  assert.equal(asks.length, 1, 'nothing during the retry wait');
  for (let i = 0; i < K + 2; i++) step({ who: 5 });
  assert.equal(asks.length, 2);
  assert.equal(asks[1]!.trackId, asks[0]!.trackId, 'same track, asked again');
});

test('a face somewhere else (no box overlap) is a new track and starts counting from zero', () => {
  const { tracker, asks, step } = setup();
  step({ who: 5 });
  step({ who: 5 });
  step({ who: 9, box: { x: 20, y: 20, width: 120, height: 120 } });
  assert.equal(asks.length, 0);
  assert.equal(tracker.status()!.agreeing, 1);
  step({ who: 9, box: { x: 22, y: 20, width: 120, height: 120 } });
  step({ who: 9, box: { x: 24, y: 21, width: 120, height: 120 } });
  assert.equal(asks.length, 1);
});

test('a different student stepping into the same spot without a gap is still asked', () => {
  const { tracker, asks, step } = setup();
  for (let i = 0; i < K; i++) step({ who: 5 });
  tracker.answer(asks[0]!.trackId, 'done', 0);
  for (let i = 0; i < 60; i++) step({ who: 77 });
  assert.equal(asks.length, 2);
  assert.notEqual(asks[1]!.trackId, asks[0]!.trackId);
});

test('an answer that never comes counts as retry, so the kiosk does not freeze on one face', () => {
  const { asks, step } = setup();
  for (let i = 0; i < K; i++) step({ who: 5 });
  const frames = Math.ceil((defaultTrackerConfig.answerTimeoutMs + defaultTrackerConfig.retryMs) / FRAME_MS) + K + 2;
  for (let i = 0; i < frames; i++) step({ who: 5 });
  assert.equal(asks.length, 2);
});

test('with several faces, the biggest, most central one is followed', () => {
  const tracker = createTracker({ ...defaultTrackerConfig, agreeFrames: K });
  const side: Box = { x: 10, y: 10, width: 90, height: 90 };
  assert.equal(tracker.select(0, [side, here], frame), 1);
  // …and it stays followed even when a bigger face appears beside it.
  assert.equal(tracker.select(33, [{ x: 400, y: 100, width: 220, height: 220 }, here], frame), 1);
});
