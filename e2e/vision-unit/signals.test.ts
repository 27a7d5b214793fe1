// The small measurements around the pipeline: image statistics, the card debouncer, the heartbeat.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageStats, toGrey } from '../../src-renderer/vision/image-stats.js';
import { createCardDebouncer } from '../../src-renderer/vision/qr.js';
import { createHeartbeatMeter, STALL_MS } from '../../src-renderer/vision/heartbeat.js';
import type { FrameReport } from '../../src-renderer/vision/types.js';

function grey(w: number, h: number, f: (x: number, y: number) => number): Uint8Array {
  const g = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) g[y * w + x] = f(x, y);
  return g;
}

test('a flat grey face has no sharpness, a detailed one has plenty', () => {
  const flat = imageStats(grey(32, 32, () => 120), 32, 32);
  assert.equal(flat.laplacianVar, 0);
  assert.equal(flat.std, 0);
  assert.equal(flat.mean, 120);
  const checker = imageStats(grey(32, 32, (x, y) => ((x + y) % 2 ? 200 : 60)), 32, 32);
  assert.ok(checker.laplacianVar > 1000);
});

test('the dark share counts pixels below 50', () => {
  const s = imageStats(grey(10, 10, (x) => (x < 3 ? 20 : 180)), 10, 10);
  assert.equal(s.darkShare, 0.3);
});

test('grey levels use the BT.601 weights', () => {
  const rgba = new Uint8Array([255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255]);
  assert.deepEqual([...toGrey(rgba, 3, 1)], [76, 150, 29]);
});

test('a card held up is reported once, and again only after 3 s', () => {
  const cards = createCardDebouncer(3000);
  assert.equal(cards.shouldReport('S1234', 0), true);
  assert.equal(cards.shouldReport('S1234', 100), false);
  assert.equal(cards.shouldReport('S1234', 2999), false);
  assert.equal(cards.shouldReport('S9999', 2999), true, 'another card is reported at once');
  assert.equal(cards.shouldReport('S1234', 3000), true);
});

const report = (detectMs: number, embedMs: number | null, mediaSeconds: number): FrameReport => ({
  face: null,
  fps: 0,
  mediaSeconds,
  receivedAt: 0,
  detectMs,
  embedMs,
});

test('the heartbeat says starting, then running, then stalled after 3 s without a frame', () => {
  const meter = createHeartbeatMeter();
  assert.equal(meter.beat(0).cameraState, 'starting');
  meter.alive(0.5, 100);
  assert.equal(meter.beat(200).cameraState, 'running');
  assert.equal(meter.beat(100 + STALL_MS + 1).cameraState, 'stalled');
});

test('the heartbeat reports frames per second and the median detect and embed times', () => {
  const meter = createHeartbeatMeter();
  meter.vision('ready');
  for (let i = 0; i < 50; i++) meter.frame(report(10 + (i % 5), i % 10 === 0 ? 30 : null, i / 25), 1000 + i * 40);
  const h = meter.beat(1000 + 49 * 40);
  assert.equal(h.visionState, 'ready');
  assert.equal(h.framesProcessed, 50);
  assert.equal(h.detectMsP50, 12);
  assert.equal(h.embedMsP50, 30);
  assert.ok(Math.abs(h.fps - 25) <= 0.5, `fps ${h.fps}`);
  assert.ok(Math.abs(h.mediaSeconds - 49 / 25) < 1e-9);
});

test('a camera that went away is an error, with the reason', () => {
  const meter = createHeartbeatMeter();
  meter.cameraFailed('the camera was disconnected');
  const h = meter.beat(0);
  assert.equal(h.cameraState, 'error');
  assert.equal(h.error, 'the camera was disconnected');
});
