// Corner marks around the face the tracker follows, where the student sees it in the mirrored preview.
import type { NormalisedBox } from '../../vision/types';
import { boxInMirroredView, type Size } from './camera-geometry';

export function FaceBox({ box, ok, frame, view }: { box: NormalisedBox; ok: boolean; frame: Size; view: Size }) {
  const r = boxInMirroredView(box, frame, view);
  return (
    <div
      className="face-box"
      data-ok={ok}
      aria-hidden="true"
      style={{ width: r.width, height: r.height, transform: `translate(${r.left}px, ${r.top}px)` }}
    >
      <span className="corner tl" />
      <span className="corner tr" />
      <span className="corner bl" />
      <span className="corner br" />
    </div>
  );
}
