// Alignment: where to cut the face out of the frame so the embedding model sees the crop it was
// trained on. face-api's recognition net expects its own crop geometry ("fapi", face-pipeline.md §2):
// a square whose side is the mean eye-to-mouth distance / 0.45, with the centroid of the two eyes and
// the mouth at 50 % across and 43 % down. Other crops cost it a lot (ArcFace crop: TAR 0.18 vs 0.89).
// We add one thing face-api's own box lacks: the crop is rotated so the eye line is level.
import { eyeToMouth, type FoundFace, type Point } from './geometry';

export const ALIGNED_SIZE = 150;
/** Crop side as a multiple of the mean eye-to-mouth distance (face-api: distance / 0.45). */
const SIDE_PER_EYE_TO_MOUTH = 1 / 0.45;
/** Where the eyes+mouth centroid sits in the crop, as fractions of the side. */
const CENTROID_X = 0.5;
const CENTROID_Y = 0.43;

/**
 * A similarity transform (rotation, uniform scale, translation), x' = a·x − b·y + tx,
 * y' = b·x + a·y + ty. It maps frame pixels to pixels of the aligned crop.
 */
export interface Similarity {
  a: number;
  b: number;
  tx: number;
  ty: number;
}

export function applySimilarity(t: Similarity, p: Point): Point {
  return { x: t.a * p.x - t.b * p.y + t.tx, y: t.b * p.x + t.a * p.y + t.ty };
}

export function similarityScale(t: Similarity): number {
  return Math.hypot(t.a, t.b);
}

/**
 * The face-api crop built from the eyes and mouth: scale so the mean eye-to-mouth distance becomes
 * 0.45 of the side, rotate so the eye line is level, put the eyes+mouth centroid at (0.5, 0.43).
 * The nose tip is left out on purpose: it moves most with yaw and pitch; the quality gate uses it for
 * head pose instead. Measured on the 131 fixture photos (full-range keypoints): this rule gave
 * TAR 0.94 at zero false accepts, EER 1.0 %; a least-squares fit of all 4 keypoints onto
 * fapiTemplate gave 0.92 / 0.8 %, i.e. no better.
 */
export function fapiTransform(face: Pick<FoundFace, 'rightEye' | 'leftEye' | 'mouth'>, size = ALIGNED_SIZE): Similarity {
  const { rightEye: r, leftEye: l, mouth: m } = face;
  const side = eyeToMouth(face) * SIDE_PER_EYE_TO_MOUTH;
  const s = side > 0 ? size / side : 1;
  // Right eye has the smaller x in an upright, unmirrored face, so this is the eye line's angle.
  const theta = Math.atan2(l.y - r.y, l.x - r.x);
  const a = s * Math.cos(-theta);
  const b = s * Math.sin(-theta);
  const cx = (r.x + l.x + m.x) / 3;
  const cy = (r.y + l.y + m.y) / 3;
  return { a, b, tx: CENTROID_X * size - (a * cx - b * cy), ty: CENTROID_Y * size - (b * cx + a * cy) };
}

/**
 * Where an average frontal face's keypoints land in the fapi crop: what "eyes land where the template
 * says" means. Proportions are BlazeFace's on the fixture photos (eye spacing = 0.925 × the drop from
 * the eye line to the mouth; nose tip 0.56 of the way down); the fapi rule fixes scale and position.
 */
export function fapiTemplate(size = ALIGNED_SIZE): { rightEye: Point; leftEye: Point; noseTip: Point; mouth: Point } {
  const eyeToMouthPx = 0.45 * size;
  const spacingPerDrop = 0.925;
  const drop = eyeToMouthPx / Math.hypot(1, spacingPerDrop / 2);
  const halfSpacing = (spacingPerDrop * drop) / 2;
  const eyeY = CENTROID_Y * size - drop / 3;
  const cx = CENTROID_X * size;
  return {
    rightEye: { x: cx - halfSpacing, y: eyeY },
    leftEye: { x: cx + halfSpacing, y: eyeY },
    noseTip: { x: cx, y: eyeY + 0.56 * drop },
    mouth: { x: cx, y: eyeY + drop },
  };
}

type Drawable = CanvasImageSource;
type Context2D = OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D;

/**
 * Draws the aligned crop of `source` into `ctx` (whose canvas is size × size). Parts of the crop that
 * fall outside the frame stay mid-grey: that is about the network's input mean, so they weigh as
 * little as possible in the embedding (black would be a strong, false signal).
 */
export function drawAligned(ctx: Context2D, source: Drawable, t: Similarity, size = ALIGNED_SIZE): void {
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.fillStyle = 'rgb(128,128,128)';
  ctx.fillRect(0, 0, size, size);
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.setTransform(t.a, t.b, -t.b, t.a, t.tx, t.ty);
  ctx.drawImage(source, 0, 0);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

/**
 * The part of the aligned crop that is face (brow to chin, cheek to cheek), where the quality gate
 * measures light and sharpness; the crop's corners are background or off-frame fill.
 */
export const FACE_REGION = { x: 25, y: 20, width: 100, height: 115 } as const;
