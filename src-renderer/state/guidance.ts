// The vision pipeline judges every frame, so its hint can flip several times a second. A hint the
// student has to read must hold still: a new one is shown only once it has lasted a moment.
import type { QualityHint } from '../vision/types';

export interface SettledHint {
  shown: QualityHint | null;
  candidate: QualityHint | null;
  since: number;
}

export const HINT_SETTLE_MS = 350;

export const noHint: SettledHint = { shown: null, candidate: null, since: 0 };

/** The hint to show after a frame reported `incoming` at `now` (ms); the same object when nothing changed. */
export function settleHint(prev: SettledHint, incoming: QualityHint | null, now: number): SettledHint {
  if (incoming !== prev.candidate) return { shown: prev.shown, candidate: incoming, since: now };
  if (incoming !== prev.shown && now - prev.since >= HINT_SETTLE_MS) return { ...prev, shown: incoming };
  return prev;
}
