// Alignment: the crop cut from the camera frame is the one face-api's recognition net was trained on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALIGNED_SIZE, applySimilarity, fapiTemplate, fapiTransform, similarityScale } from '../../src-renderer/vision/align.js';
import { distance, eyeToMouth } from '../../src-renderer/vision/geometry.js';
import { makeFace } from './faces.js';

const close = (actual: number, expected: number, tol = 1e-6, what = '') =>
  assert.ok(Math.abs(actual - expected) <= tol, `${what} ${actual} is not within ${tol} of ${expected}`);

test('the eyes, nose and mouth of an average face land where the fapi template says', () => {
  const t = fapiTemplate();
  for (const spec of [{}, { cx: 100, cy: 380, eyeDistance: 42 }, { eyeDistance: 150, rollDeg: 23 }, { rollDeg: -40, cx: 500 }]) {
    const face = makeFace(spec);
    const m = fapiTransform(face);
    for (const k of ['rightEye', 'leftEye', 'noseTip', 'mouth'] as const) {
      const p = applySimilarity(m, face[k]);
      close(p.x, t[k].x, 1e-6, `${k}.x for ${JSON.stringify(spec)}`);
      close(p.y, t[k].y, 1e-6, `${k}.y for ${JSON.stringify(spec)}`);
    }
  }
});

test("the crop follows face-api's rule: eye-to-mouth is 0.45 of the side, the eyes+mouth centroid sits at (0.5, 0.43)", () => {
  // Any face, not just an average one: a narrow face with a long chin, tilted.
  const face = { rightEye: { x: 200, y: 210 }, leftEye: { x: 250, y: 200 }, mouth: { x: 236, y: 290 } };
  const m = fapiTransform(face);
  const r = applySimilarity(m, face.rightEye);
  const l = applySimilarity(m, face.leftEye);
  const mo = applySimilarity(m, face.mouth);
  close((r.x + l.x + mo.x) / 3, 0.5 * ALIGNED_SIZE, 1e-9, 'centroid x');
  close((r.y + l.y + mo.y) / 3, 0.43 * ALIGNED_SIZE, 1e-9, 'centroid y');
  close(eyeToMouth({ rightEye: r, leftEye: l, mouth: mo }), 0.45 * ALIGNED_SIZE, 1e-9, 'eye-to-mouth');
  close(similarityScale(m), (0.45 * ALIGNED_SIZE) / eyeToMouth(face), 1e-12, 'scale');
});

test('a tilted head comes out level, with the right eye on the left of the crop', () => {
  const face = makeFace({ rollDeg: 30 });
  const m = fapiTransform(face);
  const r = applySimilarity(m, face.rightEye);
  const l = applySimilarity(m, face.leftEye);
  close(r.y, l.y, 1e-9, 'eye heights');
  assert.ok(r.x < l.x, 'right eye is left in the crop');
  close(distance(r, l), distance(face.rightEye, face.leftEye) * similarityScale(m), 1e-9, 'eye spacing scales uniformly');
});
