// Line icons drawn inline, so the kiosk loads nothing from anywhere and every meaning shown in
// colour is also shown in shape.
import type { ReactElement } from 'react';

const dot = (cx: number, cy: number) => <circle key={`${cx},${cy}`} cx={cx} cy={cy} r={1.4} fill="currentColor" stroke="none" />;

const shapes = {
  check: [<circle key="c" cx={12} cy={12} r={9.5} />, <path key="p" d="M7.8 12.4l2.9 2.9 5.6-5.8" />],
  clock: [<circle key="c" cx={12} cy={12} r={9.5} />, <path key="p" d="M12 6.8V12l3.6 2.2" />],
  info: [<circle key="c" cx={12} cy={12} r={9.5} />, <path key="p" d="M12 11v5.5" />, dot(12, 7.6)],
  question: [
    <circle key="c" cx={12} cy={12} r={9.5} />,
    <path key="p" d="M9.4 9.4a2.7 2.7 0 1 1 3.8 2.5c-.8.4-1.2 1-1.2 1.8v.5" />,
    dot(12, 17.2),
  ],
  alert: [<path key="t" d="M12 3.2L2.3 20.3h19.4z" />, <path key="l" d="M12 9.6v5" />, dot(12, 17.4)],
  lock: [<rect key="r" x={5} y={10.5} width={14} height={10} rx={2} />, <path key="p" d="M8 10.5V7.8a4 4 0 0 1 8 0v2.7" />],
  moon: [<path key="p" d="M19.5 14.6A8 8 0 1 1 9.4 4.5a6.4 6.4 0 0 0 10.1 10.1z" />],
  leave: [<path key="d" d="M10.5 4H6a1.5 1.5 0 0 0-1.5 1.5v13A1.5 1.5 0 0 0 6 20h4.5" />, <path key="a" d="M14.5 8l4 4-4 4M18.5 12h-10" />],
  card: [
    <rect key="r" x={2.5} y={5} width={19} height={14} rx={2} />,
    <circle key="h" cx={8.3} cy={10.6} r={2} />,
    <path key="b" d="M5.2 16c.6-1.4 1.7-2.1 3.1-2.1s2.5.7 3.1 2.1M14.2 10h4.3M14.2 13.5h4.3" />,
  ],
  keypad: [dot(6, 4.5), dot(12, 4.5), dot(18, 4.5), dot(6, 10), dot(12, 10), dot(18, 10), dot(6, 15.5), dot(12, 15.5), dot(18, 15.5), dot(12, 21)],
  face: [
    <path key="f" d="M4 8.5V6a2 2 0 0 1 2-2h2.5M15.5 4H18a2 2 0 0 1 2 2v2.5M20 15.5V18a2 2 0 0 1-2 2h-2.5M8.5 20H6a2 2 0 0 1-2-2v-2.5" />,
    <path key="e" d="M9 9.5v1.2M15 9.5v1.2M9.2 15c1.6 1.3 4 1.3 5.6 0" />,
  ],
  cameraOff: [
    <path key="c" d="M9 5.5h5.5l1.6 2.2H19a2 2 0 0 1 2 2v7.8M17.5 19.5H5a2 2 0 0 1-2-2V9.7a2 2 0 0 1 2-2h1.5" />,
    <path key="x" d="M3 3l18 18" />,
  ],
  people: [
    <circle key="a" cx={9} cy={8} r={3.3} />,
    <path key="b" d="M2.8 20c0-3.4 2.8-6.1 6.2-6.1s6.2 2.7 6.2 6.1M15.8 4.9a3.2 3.2 0 0 1 0 6.2M17.6 14.3c2.1.8 3.6 2.9 3.6 5.7" />,
  ],
  backspace: [<path key="s" d="M9 5h10.5a1.5 1.5 0 0 1 1.5 1.5v11a1.5 1.5 0 0 1-1.5 1.5H9l-6.2-7z" />, <path key="x" d="M12 9.5l5 5M17 9.5l-5 5" />],
  arrow: [<path key="a" d="M5 12h13.5M13 6.5l5.5 5.5-5.5 5.5" />],
  close: [<path key="x" d="M6 6l12 12M18 6L6 18" />],
} satisfies Record<string, ReactElement[]>;

export type IconName = keyof typeof shapes;

export function Icon({ name, className }: { name: IconName; className?: string }) {
  return (
    <svg
      className={className ? `icon ${className}` : 'icon'}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {shapes[name]}
    </svg>
  );
}
