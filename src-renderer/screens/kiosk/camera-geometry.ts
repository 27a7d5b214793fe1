// Where things the camera sees appear on the preview. The preview fills its box (object-fit: cover,
// so the image may be cropped) and is mirrored, so a student moving left sees their box move left.
import type { NormalisedBox } from '../../vision/types';

export interface Size {
  width: number;
  height: number;
}

export interface Rect {
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

/** A box in camera-image fractions, in the view's CSS pixels after cropping and mirroring. */
export function boxInMirroredView(box: NormalisedBox, frame: Size, view: Size): Rect {
  const scale = Math.max(view.width / frame.width, view.height / frame.height);
  const shownWidth = frame.width * scale;
  const shownHeight = frame.height * scale;
  const left = (view.width - shownWidth) / 2 + box.x * shownWidth;
  const width = box.width * shownWidth;
  return {
    left: view.width - left - width,
    top: (view.height - shownHeight) / 2 + box.y * shownHeight,
    width,
    height: box.height * shownHeight,
  };
}

/** A head is about three quarters as wide as it is tall. */
const OVAL_ASPECT = 0.76;
/** Share of the camera image's height a face fills when the student stands where they are recognised. */
const FACE_HEIGHT_SHARE = 0.5;
/** Share of the camera image's width a card fills when held where it can be read (inside the scanned middle). */
const CARD_WIDTH_SHARE = 0.42;
/** ID-1 card proportions (85.6 × 54 mm). */
const CARD_ASPECT = 85.6 / 54;

function centredInView(widthShare: number, heightShare: number, frame: Size, view: Size): Rect {
  const box = { x: (1 - widthShare) / 2, y: (1 - heightShare) / 2, width: widthShare, height: heightShare };
  return boxInMirroredView(box, frame, view);
}

/**
 * The outline a student fits their face into. It is placed in camera-image terms, like the pipeline's
 * own checks (centred, big enough), so it means the same however the preview is cropped.
 */
export function faceOval(frame: Size, view: Size): Ellipse {
  const widthShare = (FACE_HEIGHT_SHARE * frame.height * OVAL_ASPECT) / frame.width;
  const r = centredInView(widthShare, FACE_HEIGHT_SHARE, frame, view);
  return { cx: r.left + r.width / 2, cy: r.top + r.height / 2, rx: r.width / 2, ry: r.height / 2 };
}

/** Where to hold a card so the pipeline's QR scan (the middle of the image) can read it. */
export function cardFrame(frame: Size, view: Size): Rect {
  const heightShare = (CARD_WIDTH_SHARE * frame.width) / CARD_ASPECT / frame.height;
  return centredInView(CARD_WIDTH_SHARE, heightShare, frame, view);
}
