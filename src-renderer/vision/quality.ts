// The quality gate: is this frame's face good enough to embed, and if not, what should the student
// do? Pure: inputs are the detector's faces (BlazeFace's 6 keypoints), the frame size and simple
// statistics of the grey face crop.
//
// It covers the ground of the seed's nine checks (seed-system.md §2.10):
//   1 face count   → faces of comparable size to the subject (a small face far behind is allowed)
//   2 face size    → eye distance in pixels (too small: move closer; crop wider than the frame: move back)
//   3 centred      → eyes+mouth centroid offset from the frame centre, as a fraction of the frame
//   4 head pose    → yaw from the nose tip's offset along the eye line, pitch from its height between
//                    eyes and mouth, roll from the eye line's angle
//   5 eyes open    → NOT measurable: BlazeFace gives one point per eye, no lids. Reported as such.
//   6 mouth closed → NOT measurable for the same reason (one mouth point). Reported as such.
//   7 sharpness    → variance of the Laplacian of the grey face crop
//   8 brightness   → mean grey of the face crop
//   9 illumination → grey standard deviation (harsh side light) and share of dark pixels
// The seed's eye-cascade pose and EAR numbers do not transfer; the thresholds live in VisionSettings.
import type { VisionSettings } from '../../src-preload/contract';
import { boxCentre, eyeDistance, eyeToMouth, type FoundFace } from './geometry';
import type { ImageStats } from './image-stats';
import type { QualityHint } from './types';

export type KioskQualitySettings = VisionSettings['quality'];

/** Enrolment photos: only what makes the template itself bad (too few pixels, a turned head). */
export interface PhotoQualitySettings {
  minEyeDistancePx: number;
  maxYawDeg: number;
  maxRollDeg: number;
}

export type CheckName =
  | 'face_count'
  | 'face_size'
  | 'face_centred'
  | 'head_pose'
  | 'eyes_open'
  | 'mouth_closed'
  | 'brightness'
  | 'illumination'
  | 'sharpness';

export interface QualityCheck {
  name: CheckName;
  ok: boolean;
  /** 0..1; 0.5 is the threshold, so a passing check scores ≥ 0.5. */
  score: number;
  /** False for checks this detector cannot measure; they pass and do not count in the score. */
  measurable: boolean;
  hint: QualityHint | null;
  detail: string;
}

export interface QualityResult {
  ok: boolean;
  /** The first failing check's advice, in the order of the checks (most basic first). */
  hint: QualityHint | null;
  score: number;
  checks: QualityCheck[];
}

export interface HeadPose {
  yawDeg: number;
  pitchDeg: number;
  rollDeg: number;
}

// Head model for pose: the nose tip stands in front of the eye plane by about half the eye spacing
// (≈ 32 mm vs 63 mm interocular), so a yaw θ moves it sideways by (eyeSpacing/2)·tan θ relative to
// the eye midpoint once the eye line is levelled. Frontal nose height: the nose tip sits 0.56 of the
// way from the eye line to the mouth (BlazeFace full-range keypoints on the 127 usable fixture photos:
// median 0.563, p5–p95 0.46–0.64). With these, those photos measure yaw p5–p95 −25°..15°, pitch
// −12°..+10°, roll −9°..7°; the three-quarter portraits in the set measure 35–45° of yaw.
const NOSE_DEPTH_PER_HALF_EYE_SPACING = 1.0;
const FRONTAL_NOSE_HEIGHT = 0.56;
const DEG = 180 / Math.PI;

export function headPose(face: Pick<FoundFace, 'rightEye' | 'leftEye' | 'noseTip' | 'mouth'>): HeadPose {
  const { rightEye: r, leftEye: l, noseTip: n, mouth: m } = face;
  const ex = l.x - r.x;
  const ey = l.y - r.y;
  const spacing = Math.hypot(ex, ey) || 1;
  const ux = ex / spacing; // along the eye line
  const uy = ey / spacing;
  const vx = -uy; // perpendicular, pointing down the face
  const vy = ux;
  const midX = (r.x + l.x) / 2;
  const midY = (r.y + l.y) / 2;
  const along = (n.x - midX) * ux + (n.y - midY) * uy;
  const noseDown = (n.x - midX) * vx + (n.y - midY) * vy;
  const mouthDown = (m.x - midX) * vx + (m.y - midY) * vy || 1;
  const depth = NOSE_DEPTH_PER_HALF_EYE_SPACING * (spacing / 2);
  return {
    yawDeg: Math.atan2(along, depth) * DEG,
    pitchDeg: Math.atan2((noseDown / mouthDown - FRONTAL_NOSE_HEIGHT) * mouthDown, depth) * DEG,
    rollDeg: Math.atan2(ey, ex) * DEG,
  };
}

/** Faces at least this fraction of the subject's eye distance count as "another student". */
const COMPARABLE_FACE = 0.6;
/** The aligned crop (side = eye-to-mouth / 0.45) must fit this share of the frame's short side. */
const MAX_CROP_SHARE = 0.95;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));
/** Higher is better, threshold t: 0.5 at t, 1 at 2t. */
const atLeast = (v: number, t: number) => (t > 0 ? clamp01((0.5 * v) / t) : 1);
/** Lower is better, limit l: 1 at 0, 0.5 at l, 0 at 2l. */
const atMost = (v: number, l: number) => (l > 0 ? clamp01(1 - (0.5 * v) / l) : v <= 0 ? 1 : 0);

function check(name: CheckName, ok: boolean, score: number, hint: QualityHint | null, detail: string): QualityCheck {
  return { name, ok, score: ok ? Math.max(0.5, score) : Math.min(0.49, score), measurable: true, hint: ok ? null : hint, detail };
}

function notMeasurable(name: CheckName, why: string): QualityCheck {
  return { name, ok: true, score: 1, measurable: false, hint: null, detail: why };
}

function summarise(checks: QualityCheck[]): QualityResult {
  const measured = checks.filter((c) => c.measurable);
  const failing = checks.find((c) => !c.ok);
  const score = measured.length ? measured.reduce((s, c) => s + c.score, 0) / measured.length : 0;
  return { ok: !failing, hint: failing?.hint ?? null, score, checks };
}

function sizeCheck(face: FoundFace, minEyeDistancePx: number, maxCropPx: number): QualityCheck {
  const eyes = eyeDistance(face);
  const crop = eyeToMouth(face) / 0.45;
  if (crop > maxCropPx) {
    return check('face_size', false, atMost(crop, maxCropPx), 'move_back', `face crop ${crop.toFixed(0)} px > ${maxCropPx.toFixed(0)} px`);
  }
  return check('face_size', eyes >= minEyeDistancePx, atLeast(eyes, minEyeDistancePx), 'move_closer', `eye distance ${eyes.toFixed(1)} px, need ${minEyeDistancePx}`);
}

function poseCheck(face: FoundFace, maxYawDeg: number, maxRollDeg: number): QualityCheck {
  const pose = headPose(face);
  const yaw = Math.abs(pose.yawDeg);
  const pitch = Math.abs(pose.pitchDeg);
  const roll = Math.abs(pose.rollDeg);
  // No separate pitch limit in the settings: the seed used one limit for yaw and pitch too.
  const ok = yaw <= maxYawDeg && pitch <= maxYawDeg && roll <= maxRollDeg;
  const score = Math.min(atMost(yaw, maxYawDeg), atMost(pitch, maxYawDeg), atMost(roll, maxRollDeg));
  return check('head_pose', ok, score, 'face_camera', `yaw ${pose.yawDeg.toFixed(0)}°, pitch ${pose.pitchDeg.toFixed(0)}°, roll ${pose.rollDeg.toFixed(0)}°`);
}

const EYES_NOT_MEASURABLE = notMeasurable('eyes_open', 'not measurable: the detector gives one point per eye, no eyelids');
const MOUTH_NOT_MEASURABLE = notMeasurable('mouth_closed', 'not measurable: the detector gives one mouth point');

export interface KioskQualityInput {
  face: FoundFace;
  /** Every other face the detector found in this frame. */
  others: readonly FoundFace[];
  frame: { width: number; height: number };
  /** Statistics of the grey face region of the aligned crop. */
  stats: ImageStats;
}

export function assessKioskFace(input: KioskQualityInput, q: KioskQualitySettings): QualityResult {
  const { face, others, frame, stats } = input;
  const eyes = eyeDistance(face);
  const rivals = others.filter((o) => eyeDistance(o) >= COMPARABLE_FACE * eyes).length;
  const count = check(
    'face_count',
    rivals === 0,
    rivals === 0 ? (others.length === 0 ? 1 : 0.8) : 0,
    'one_at_a_time',
    `${others.length + 1} face(s), ${rivals} as close as the subject`,
  );

  const cx = (face.rightEye.x + face.leftEye.x + face.mouth.x) / 3;
  const cy = (face.rightEye.y + face.leftEye.y + face.mouth.y) / 3;
  const off = Math.max(Math.abs(cx / frame.width - 0.5), Math.abs(cy / frame.height - 0.5));
  const centred = check('face_centred', off <= q.maxCentreOffset, atMost(off, q.maxCentreOffset), 'centre_face', `offset ${(off * 100).toFixed(0)} % of the frame`);

  const mid = (q.minBrightness + q.maxBrightness) / 2;
  const half = (q.maxBrightness - q.minBrightness) / 2;
  const brightness = check(
    'brightness',
    stats.mean >= q.minBrightness && stats.mean <= q.maxBrightness,
    atMost(Math.abs(stats.mean - mid), half),
    stats.mean < q.minBrightness ? 'more_light' : 'less_light',
    `mean grey ${stats.mean.toFixed(0)}`,
  );
  // High contrast or many dark pixels on a face means uneven light (a window behind, a side lamp);
  // "more light" (from the front) is the advice a student can act on.
  const illumination = check(
    'illumination',
    stats.std <= q.maxContrast && stats.darkShare <= q.maxDarkShare,
    Math.min(atMost(stats.std, q.maxContrast), atMost(stats.darkShare, q.maxDarkShare)),
    'more_light',
    `grey std ${stats.std.toFixed(0)}, dark ${(stats.darkShare * 100).toFixed(0)} %`,
  );
  const sharpness = check('sharpness', stats.laplacianVar >= q.minSharpness, atLeast(stats.laplacianVar, q.minSharpness), 'hold_still', `Laplacian variance ${stats.laplacianVar.toFixed(0)}`);

  return summarise([
    count,
    sizeCheck(face, q.minEyeDistancePx, MAX_CROP_SHARE * Math.min(frame.width, frame.height)),
    centred,
    poseCheck(face, q.maxYawDeg, q.maxRollDeg),
    EYES_NOT_MEASURABLE,
    MOUTH_NOT_MEASURABLE,
    brightness,
    illumination,
    sharpness,
  ]);
}

/** Enrolment photos: size and a frontal pose. Centring and light are the photographer's business. */
export function assessPhotoFace(face: FoundFace, q: PhotoQualitySettings): QualityResult {
  return summarise([sizeCheck(face, q.minEyeDistancePx, Infinity), poseCheck(face, q.maxYawDeg, q.maxRollDeg), EYES_NOT_MEASURABLE]);
}
