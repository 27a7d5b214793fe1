// The quality gate: a frame's face is embedded only when it is good enough, and otherwise the student
// is told the one thing to do about it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultVisionSettings, photoQuality } from '../../src-renderer/vision/defaults.js';
import type { FoundFace } from '../../src-renderer/vision/geometry.js';
import type { ImageStats } from '../../src-renderer/vision/image-stats.js';
import { assessKioskFace, assessPhotoFace, headPose } from '../../src-renderer/vision/quality.js';
import { makeFace, type FaceSpec } from './faces.js';

const q = defaultVisionSettings.quality;
const frame = { width: 640, height: 480 };
const goodLight: ImageStats = { mean: 140, std: 45, darkShare: 0.03, laplacianVar: 400 };

function assess(spec: FaceSpec, stats: Partial<ImageStats> = {}, others: FoundFace[] = []) {
  return assessKioskFace({ face: makeFace(spec), others, frame, stats: { ...goodLight, ...stats } }, q);
}

const table: Array<{ case: string; spec: FaceSpec; stats?: Partial<ImageStats>; others?: FoundFace[]; hint: string | null }> = [
  { case: 'a frontal, centred face in good light', spec: {}, hint: null },
  { case: 'a face too far away (30 px between the eyes)', spec: { eyeDistance: 30 }, hint: 'move_closer' },
  { case: 'a face so close its crop does not fit the frame', spec: { eyeDistance: 200 }, hint: 'move_back' },
  { case: 'a face at the edge of the frame', spec: { cx: 580 }, hint: 'centre_face' },
  { case: 'a face low in the frame', spec: { cy: 400 }, hint: 'centre_face' },
  { case: 'a head turned 40° sideways', spec: { noseShift: Math.tan((40 * Math.PI) / 180) }, hint: 'face_camera' },
  { case: 'a head tilted 40°', spec: { rollDeg: 40 }, hint: 'face_camera' },
  { case: 'a dark face', spec: {}, stats: { mean: 30, darkShare: 0.7 }, hint: 'more_light' },
  { case: 'a face lit from one side (many dark pixels)', spec: {}, stats: { darkShare: 0.55 }, hint: 'more_light' },
  { case: 'a washed-out face', spec: {}, stats: { mean: 235 }, hint: 'less_light' },
  { case: 'a blurred face', spec: {}, stats: { laplacianVar: 10 }, hint: 'hold_still' },
  { case: 'two students side by side', spec: { cx: 260 }, others: [makeFace({ cx: 420, eyeDistance: 75 })], hint: 'one_at_a_time' },
  { case: 'a small face far behind the student', spec: {}, others: [makeFace({ cx: 80, cy: 100, eyeDistance: 25 })], hint: null },
];

for (const row of table) {
  test(`quality: ${row.case} → ${row.hint ?? 'passes'}`, () => {
    const r = assess(row.spec, row.stats, row.others);
    assert.equal(r.hint, row.hint, JSON.stringify(r.checks.filter((c) => !c.ok)));
    assert.equal(r.ok, row.hint === null);
    assert.ok(r.score >= 0 && r.score <= 1);
  });
}

test('a passing face scores higher than a failing one', () => {
  assert.ok(assess({}).score > assess({ eyeDistance: 30 }).score);
  assert.ok(assess({}).score > 0.5);
});

test('when several things are wrong, the most basic comes first (size before light)', () => {
  assert.equal(assess({ eyeDistance: 30 }, { mean: 20 }).hint, 'move_closer');
});

test('eyes open and mouth closed are reported as not measurable from six keypoints, never as passed checks', () => {
  const r = assess({});
  for (const name of ['eyes_open', 'mouth_closed']) {
    const c = r.checks.find((x) => x.name === name);
    assert.ok(c, `${name} is listed`);
    assert.equal(c.measurable, false);
  }
});

test('head pose: yaw from the nose along the eye line, roll from the eye line, both near 0 for a frontal face', () => {
  const frontal = headPose(makeFace({ rollDeg: 0 }));
  assert.ok(Math.abs(frontal.yawDeg) < 1e-9 && Math.abs(frontal.rollDeg) < 1e-9 && Math.abs(frontal.pitchDeg) < 1e-9);
  const turned = headPose(makeFace({ noseShift: Math.tan((25 * Math.PI) / 180), rollDeg: 15 }));
  assert.ok(Math.abs(turned.yawDeg - 25) < 1e-6, `yaw ${turned.yawDeg}`);
  assert.ok(Math.abs(turned.rollDeg - 15) < 1e-6, `roll ${turned.rollDeg}`);
});

test('an enrolment photo is not asked to be centred, only big enough and frontal', () => {
  assert.equal(assessPhotoFace(makeFace({ cx: 40, cy: 30, eyeDistance: 60 }), photoQuality).ok, true);
  assert.equal(assessPhotoFace(makeFace({ eyeDistance: 15 }), photoQuality).hint, 'move_closer');
  assert.equal(assessPhotoFace(makeFace({ noseShift: 1 }), photoQuality).hint, 'face_camera');
});
