// Who is this face? A pure decision over the gallery. It never guesses: a face that is close to
// someone but not certainly them, or close to two people, is sent to the second factor (card/PIN).
import { dot, meanDirection } from './vectors.js';

export interface GalleryEntry {
  studentId: number;
  /** L2-normalised templates of one student, all from the same model. */
  templates: Float32Array[];
  /** Siblings, twins and other flagged look-alikes always confirm with a second factor. */
  lookAlike: boolean;
}

export interface MatchPolicy {
  acceptThreshold: number;
  unknownThreshold: number;
  margin: number;
}

export type MatchResult =
  | { outcome: 'match'; studentId: number; score: number; margin: number }
  | { outcome: 'uncertain'; reason: 'below_accept' | 'too_close_to_runner_up' | 'look_alike'; score: number; margin: number }
  | { outcome: 'unknown'; score: number | null };

export function matchFace(probes: ArrayLike<number>[], gallery: GalleryEntry[], policy: MatchPolicy): MatchResult {
  if (probes.length === 0 || gallery.length === 0) return { outcome: 'unknown', score: null };
  const probe = meanDirection(probes);
  let best: { studentId: number; score: number; lookAlike: boolean } | null = null;
  let second = -Infinity;
  for (const entry of gallery) {
    if (entry.templates.length === 0) continue;
    let score = -Infinity;
    for (const t of entry.templates) score = Math.max(score, dot(probe, t));
    if (!best || score > best.score) {
      if (best) second = Math.max(second, best.score);
      best = { studentId: entry.studentId, score, lookAlike: entry.lookAlike };
    } else {
      second = Math.max(second, score);
    }
  }
  if (!best) return { outcome: 'unknown', score: null };
  const margin = Number.isFinite(second) ? best.score - second : 1;
  if (best.score < policy.unknownThreshold) return { outcome: 'unknown', score: best.score };
  if (best.score < policy.acceptThreshold) return { outcome: 'uncertain', reason: 'below_accept', score: best.score, margin };
  if (margin < policy.margin) return { outcome: 'uncertain', reason: 'too_close_to_runner_up', score: best.score, margin };
  if (best.lookAlike) return { outcome: 'uncertain', reason: 'look_alike', score: best.score, margin };
  return { outcome: 'match', studentId: best.studentId, score: best.score, margin };
}
