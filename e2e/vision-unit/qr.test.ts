// QR cards: the code printed on a student's card is read from camera pixels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeQr, qrView } from '../../src-renderer/vision/qr.js';
import { qrGrey } from './qr-encode.js';

function toRgba(grey: Uint8Array): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(grey.length * 4);
  grey.forEach((v, i) => rgba.set([v, v, v, 255], i * 4));
  return rgba;
}

test('a printed student-number card is decoded', () => {
  const { width, height, grey } = qrGrey('S-000123', 6);
  assert.equal(decodeQr(toRgba(grey), width, height), 'S-000123');
});

test('a picture without a code decodes to nothing', () => {
  const grey = new Uint8Array(120 * 120).map((_, i) => (i % 7) * 30);
  assert.equal(decodeQr(toRgba(grey), 120, 120), null);
});

test('scans alternate between the middle at full resolution and the whole frame at half', () => {
  assert.deepEqual(qrView(640, 480, 0), { x: 120, y: 90, width: 400, height: 300, scale: 1 });
  assert.deepEqual(qrView(640, 480, 1), { x: 0, y: 0, width: 640, height: 480, scale: 0.5 });
  assert.deepEqual(qrView(640, 480, 2), qrView(640, 480, 0));
});
