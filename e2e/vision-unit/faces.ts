// Synthetic BlazeFace detections for the pure vision tests: a frontal face built from the fapi
// template's average proportions, then moved, scaled, turned and tilted as a test needs.
import { fapiTemplate } from '../../src-renderer/vision/align.js';
import type { FoundFace, Point } from '../../src-renderer/vision/geometry.js';

export interface FaceSpec {
  /** Eyes+mouth centroid in the frame. */
  cx?: number;
  cy?: number;
  eyeDistance?: number;
  /** Head roll in degrees (the eye line's angle). */
  rollDeg?: number;
  /** Nose tip shift along the eye line, as a fraction of half the eye spacing (≈ tan yaw). */
  noseShift?: number;
}

export function makeFace(spec: FaceSpec = {}): FoundFace {
  const { cx = 320, cy = 240, eyeDistance = 80, rollDeg = 0, noseShift = 0 } = spec;
  const t = fapiTemplate(150);
  const templateEyes = t.leftEye.x - t.rightEye.x;
  const s = eyeDistance / templateEyes;
  const centroid = { x: (t.rightEye.x + t.leftEye.x + t.mouth.x) / 3, y: (t.rightEye.y + t.leftEye.y + t.mouth.y) / 3 };
  const r = (rollDeg * Math.PI) / 180;
  const place = (p: Point): Point => {
    const x = (p.x - centroid.x) * s;
    const y = (p.y - centroid.y) * s;
    return { x: cx + x * Math.cos(r) - y * Math.sin(r), y: cy + x * Math.sin(r) + y * Math.cos(r) };
  };
  const nose = { x: t.noseTip.x + (noseShift * templateEyes) / 2, y: t.noseTip.y };
  const rightEye = place(t.rightEye);
  const leftEye = place(t.leftEye);
  const width = eyeDistance * 2.2;
  return {
    box: { x: cx - width / 2, y: cy - width * 0.55, width, height: width },
    score: 0.95,
    rightEye,
    leftEye,
    noseTip: place(nose),
    mouth: place(t.mouth),
    rightEar: place({ x: t.rightEye.x - 25, y: t.rightEye.y + 10 }),
    leftEar: place({ x: t.leftEye.x + 25, y: t.leftEye.y + 10 }),
  };
}
