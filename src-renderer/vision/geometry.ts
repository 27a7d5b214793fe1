// Plain shapes shared by the pure parts of the pipeline (alignment, quality, tracker). Everything is in
// pixels of the camera image as delivered (not mirrored), origin top-left.

export interface Point {
  x: number;
  y: number;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * One face found by the detector, with BlazeFace's keypoints named. "Right" and "left" are the
 * student's own sides, so in an unmirrored camera image the right eye has the smaller x.
 */
export interface FoundFace {
  box: Box;
  score: number;
  rightEye: Point;
  leftEye: Point;
  noseTip: Point;
  mouth: Point;
  rightEar: Point;
  leftEar: Point;
}

export function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

export function eyeDistance(face: FoundFace): number {
  return distance(face.rightEye, face.leftEye);
}

/** Mean distance from each eye to the mouth centre: the length face-api's crop is scaled by. */
export function eyeToMouth(face: Pick<FoundFace, 'rightEye' | 'leftEye' | 'mouth'>): number {
  return (distance(face.rightEye, face.mouth) + distance(face.leftEye, face.mouth)) / 2;
}

export function boxCentre(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

export function iou(a: Box, b: Box): number {
  const x1 = Math.max(a.x, b.x);
  const y1 = Math.max(a.y, b.y);
  const x2 = Math.min(a.x + a.width, b.x + b.width);
  const y2 = Math.min(a.y + a.height, b.y + b.height);
  const inter = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
  const union = a.width * a.height + b.width * b.height - inter;
  return union > 0 ? inter / union : 0;
}

/**
 * BlazeFace keypoint order (MediaPipe face detector): 0 right eye, 1 left eye, 2 nose tip,
 * 3 mouth centre, 4 right ear tragion, 5 left ear tragion. Keypoints arrive normalised to 0..1.
 */
export function faceFromDetection(
  det: { box: Box; score: number; keypoints: ReadonlyArray<Point> },
  frameWidth: number,
  frameHeight: number,
): FoundFace | null {
  if (det.keypoints.length < 6) return null;
  const px = (i: number): Point => {
    const k = det.keypoints[i]!;
    return { x: k.x * frameWidth, y: k.y * frameHeight };
  };
  return {
    box: det.box,
    score: det.score,
    rightEye: px(0),
    leftEye: px(1),
    noseTip: px(2),
    mouth: px(3),
    rightEar: px(4),
    leftEar: px(5),
  };
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

export function l2normalise(v: ArrayLike<number>): Float32Array {
  let n = 0;
  for (let i = 0; i < v.length; i++) n += v[i]! * v[i]!;
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i]! * s;
  return out;
}
