// Which camera samples to keep for enrolment. Pure, so the rules are tested without a camera.
// A template set is better with slight pose changes than with ten copies of one frame, so a sample is
// kept only when it differs from every kept one (the face turned or moved), it is still the same person
// as the first, and a moment has passed. The guidance asks for the next small turn.

export interface Candidate {
  embedding: number[];
  yawDeg: number;
}

export interface PickerConfig {
  target: number;
  /** A sample this similar to a kept one (cosine) and within minYawChange is a copy. */
  sameFrameCosine: number;
  minYawChangeDeg: number;
  /** Below this cosine to the first sample it is another person. */
  samePersonCosine: number;
  minGapMs: number;
}

export const defaultPickerConfig: PickerConfig = {
  target: 3,
  sameFrameCosine: 0.985,
  minYawChangeDeg: 6,
  samePersonCosine: 0.75,
  minGapMs: 500,
};

export type Verdict = 'kept' | 'copy' | 'too_soon' | 'other_person' | 'full';

export type PosePrompt = 'look_straight' | 'turn_left' | 'turn_right' | 'done';

function cosine(a: number[], b: number[]): number {
  let d = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na && nb ? d / Math.sqrt(na * nb) : 0;
}

export function judgeSample<T extends Candidate>(kept: readonly T[], lastKeptAt: number, c: T, now: number, cfg: PickerConfig = defaultPickerConfig): Verdict {
  if (kept.length >= cfg.target) return 'full';
  if (kept.length === 0) return 'kept';
  if (now - lastKeptAt < cfg.minGapMs) return 'too_soon';
  if (cosine(kept[0]!.embedding, c.embedding) < cfg.samePersonCosine) return 'other_person';
  const copy = kept.some((k) => cosine(k.embedding, c.embedding) >= cfg.sameFrameCosine && Math.abs(k.yawDeg - c.yawDeg) < cfg.minYawChangeDeg);
  return copy ? 'copy' : 'kept';
}

/** What to ask for next: straight first, then a little to each side. */
export function nextPrompt(keptCount: number, cfg: PickerConfig = defaultPickerConfig): PosePrompt {
  if (keptCount >= cfg.target) return 'done';
  return (['look_straight', 'turn_left', 'turn_right'] as const)[keptCount % 3]!;
}
