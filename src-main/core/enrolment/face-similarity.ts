// How close faces are to enrolled students, for the two warnings enrolment gives: "this face is
// already enrolled as someone else" and the look-alike report (siblings, twins).
import type { GalleryEntry } from '../recognition/matcher.js';
import { dot, l2normalise, meanDirection } from '../recognition/vectors.js';

export interface Closeness {
  studentId: number;
  score: number;
}

/** Each other student's best template score against the samples' mean direction, closest first. */
export function closestStudents(samples: ArrayLike<number>[], gallery: GalleryEntry[], exceptStudentId: number, minScore: number): Closeness[] {
  const probe = meanDirection(samples);
  const out: Closeness[] = [];
  for (const e of gallery) {
    if (e.studentId === exceptStudentId || e.templates.length === 0) continue;
    const score = Math.max(...e.templates.map((t) => dot(probe, t)));
    if (score >= minScore) out.push({ studentId: e.studentId, score });
  }
  return out.sort((a, b) => b.score - a.score);
}

export interface ClosePair {
  a: number;
  b: number;
  score: number;
}

/**
 * Pairs of enrolled students whose templates are as close as `minScore`: the best template-to-
 * template cosine between them. O(n²·t²) over 128-d vectors: a school of 1,000 with 3 templates each
 * is ~4.5 M dot products, well under a second.
 */
export function closePairs(gallery: GalleryEntry[], minScore: number): ClosePair[] {
  const out: ClosePair[] = [];
  const norm = gallery.map((e) => ({ id: e.studentId, t: e.templates.map((v) => l2normalise(v)) }));
  for (let i = 0; i < norm.length; i++) {
    for (let j = i + 1; j < norm.length; j++) {
      let best = -Infinity;
      for (const x of norm[i]!.t) for (const y of norm[j]!.t) best = Math.max(best, dot(x, y));
      if (best >= minScore) out.push({ a: norm[i]!.id, b: norm[j]!.id, score: best });
    }
  }
  return out.sort((p, q) => q.score - p.score);
}
