// The outline drawn over the preview: an oval for the face (filling in as the pipeline's frames
// agree), or a card frame when a card is what the kiosk is waiting for. Outside it the preview is dimmed.
import type { FrameReport } from '../../vision/types';
import { cardFrame, faceOval, type Size } from './camera-geometry';

export interface FaceGuideProps {
  frame: Size;
  view: Size;
  mode: 'face' | 'card';
  face: FrameReport['face'];
}

export function FaceGuide({ frame, view, mode, face }: FaceGuideProps) {
  const { width, height } = view;
  const outside = `M0 0H${width}V${height}H0Z`;

  if (mode === 'card') {
    const c = cardFrame(frame, view);
    const r = Math.min(c.width, c.height) * 0.08;
    return (
      <svg className="guide" viewBox={`0 0 ${width} ${height}`} aria-hidden="true">
        <path className="guide-dim" fillRule="evenodd" d={`${outside}M${c.left} ${c.top}h${c.width}v${c.height}h${-c.width}Z`} />
        <rect className="guide-card" x={c.left} y={c.top} width={c.width} height={c.height} rx={r} />
      </svg>
    );
  }

  const o = faceOval(frame, view);
  const oval = `M${o.cx - o.rx} ${o.cy}a${o.rx} ${o.ry} 0 1 0 ${2 * o.rx} 0a${o.rx} ${o.ry} 0 1 0 ${-2 * o.rx} 0Z`;
  const state = !face ? 'empty' : face.qualityOk ? 'good' : 'adjust';
  const progress = face?.qualityOk && face.needed > 0 ? Math.min(1, face.agreeing / face.needed) : 0;

  return (
    <svg className="guide" viewBox={`0 0 ${width} ${height}`} aria-hidden="true" data-state={state}>
      <path className="guide-dim" fillRule="evenodd" d={outside + oval} />
      <ellipse className="guide-oval" cx={o.cx} cy={o.cy} rx={o.rx} ry={o.ry} />
      {progress > 0 && (
        <path
          className="guide-progress"
          d={`M${o.cx} ${o.cy - o.ry}A${o.rx} ${o.ry} 0 1 1 ${o.cx} ${o.cy + o.ry}A${o.rx} ${o.ry} 0 1 1 ${o.cx} ${o.cy - o.ry}`}
          pathLength={100}
          strokeDasharray={`${progress * 100} 100`}
        />
      )}
    </svg>
  );
}
