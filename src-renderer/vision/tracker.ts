// The tracker: follows one face over frames and decides when to ask the core who it is. Pure state
// machine: the caller passes the clock in, the detector's boxes, and per frame the quality verdict and
// (when asked for) an embedding.
//
// Life of a track:
//   collecting → K consecutive frames that pass quality and agree with each other → ask (asking)
//   asking     → 'done'  → done (never asked again while the face stays; ends after ~0.7 s absence)
//              → 'retry' → cooldown for 1.5 s → collecting
// A new face (the box no longer overlaps, or the face was gone for the absence time) starts a new
// track. While done or waiting, an occasional embedding checks it is still the same person, so a
// student who steps in exactly where the previous one stood without a gap is still asked.
import { cosine, iou, type Box } from './geometry';

export interface TrackerConfig {
  /** K: consecutive agreeing frames needed before asking. */
  agreeFrames: number;
  /** Cosine to the streak's mean embedding above which a frame "agrees" (face-api vectors: 0.9). */
  agreeCosine: number;
  /** Box overlap (IoU) with the previous frame's box that still counts as the same face. */
  minIou: number;
  /** A face gone this long ends its track. */
  absenceMs: number;
  /** After 'retry', wait this long before collecting again. */
  retryMs: number;
  /** No answer this long after an ask counts as 'retry' (a stuck screen must not freeze the kiosk). */
  answerTimeoutMs: number;
  /** While done or waiting, compare an embedding with the track's identity this often. */
  identityCheckMs: number;
}

export const defaultTrackerConfig: Omit<TrackerConfig, 'agreeFrames'> = {
  agreeCosine: 0.9,
  minIou: 0.3,
  absenceMs: 700,
  retryMs: 1500,
  answerTimeoutMs: 10_000,
  identityCheckMs: 500,
};

export type TrackPhase = 'collecting' | 'asking' | 'done' | 'cooldown';

export interface Ask {
  trackId: number;
  embeddings: Float32Array[];
  /** Mean quality score of the K frames. */
  quality: number;
}

export interface TrackStatus {
  trackId: number;
  phase: TrackPhase;
  agreeing: number;
  needed: number;
}

export interface Sample {
  qualityOk: boolean;
  quality: number;
  /** Present only on frames where wantsEmbedding() said yes and quality passed. */
  embedding: Float32Array | null;
}

interface Track {
  id: number;
  box: Box;
  lastSeen: number;
  phase: TrackPhase;
  streak: Float32Array[];
  streakQuality: number[];
  /** Sum of the streak's (unit) embeddings, for the running mean. */
  streakSum: Float32Array | null;
  /** Mean embedding of the ask: who this track is, for the identity check. */
  identity: Float32Array | null;
  askedAt: number;
  cooldownUntil: number;
  lastIdentityCheck: number;
}

/** The face to start following when several are in view: big and near the middle. */
export function pickSubject(boxes: readonly Box[], frame: { width: number; height: number }): number | null {
  let best: number | null = null;
  let bestScore = -Infinity;
  const halfDiag = Math.hypot(frame.width, frame.height) / 2;
  boxes.forEach((b, i) => {
    const off = Math.hypot(b.x + b.width / 2 - frame.width / 2, b.y + b.height / 2 - frame.height / 2) / halfDiag;
    const score = Math.sqrt(b.width * b.height) * (1 - 0.5 * off);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

function meanOf(sum: Float32Array, n: number): Float32Array {
  const out = new Float32Array(sum.length);
  for (let i = 0; i < sum.length; i++) out[i] = sum[i]! / n;
  return out;
}

export function createTracker(config: TrackerConfig) {
  let track: Track | null = null;
  let nextId = 1;

  function startTrack(box: Box, now: number): Track {
    return {
      id: nextId++,
      box,
      lastSeen: now,
      phase: 'collecting',
      streak: [],
      streakQuality: [],
      streakSum: null,
      identity: null,
      askedAt: 0,
      cooldownUntil: 0,
      lastIdentityCheck: -Infinity,
    };
  }

  function resetStreak(t: Track): void {
    t.streak = [];
    t.streakQuality = [];
    t.streakSum = null;
  }

  function pushSample(t: Track, e: Float32Array, quality: number): void {
    if (t.streakSum && t.streak.length > 0 && cosine(e, t.streakSum) < config.agreeCosine) resetStreak(t);
    if (!t.streakSum) t.streakSum = new Float32Array(e.length);
    for (let i = 0; i < e.length; i++) t.streakSum[i]! += e[i]!;
    t.streak.push(e);
    t.streakQuality.push(quality);
  }

  /** Advances time-driven phases: cooldown ending, an answer that never came. */
  function tick(t: Track, now: number): void {
    if (t.phase === 'cooldown' && now >= t.cooldownUntil) {
      t.phase = 'collecting';
      resetStreak(t);
    }
    if (t.phase === 'asking' && now - t.askedAt >= config.answerTimeoutMs) {
      t.phase = 'cooldown';
      t.cooldownUntil = now + config.retryMs;
    }
  }

  return {
    /**
     * Which of this frame's faces to follow (index into boxes), or null when there is none. Keeps
     * following the current face while its box overlaps; otherwise starts a new track on the best
     * face. Call once per frame, before observe().
     */
    select(now: number, boxes: readonly Box[], frame: { width: number; height: number }): number | null {
      if (track && now - track.lastSeen > config.absenceMs) track = null;
      let index: number | null = null;
      if (track) {
        let bestIou = 0;
        boxes.forEach((b, i) => {
          const o = iou(b, track!.box);
          if (o > bestIou) {
            bestIou = o;
            index = i;
          }
        });
        if (bestIou < config.minIou) index = null;
      }
      if (index === null) {
        const picked = pickSubject(boxes, frame);
        if (picked === null) {
          // No face in this frame: the streak of consecutive frames is broken, the track lives on
          // until the absence time runs out (a detector miss or a blink of motion is not a new person).
          if (track) resetStreak(track);
          return null;
        }
        track = startTrack(boxes[picked]!, now);
        index = picked;
      }
      track!.box = boxes[index]!;
      track!.lastSeen = now;
      tick(track!, now);
      return index;
    },

    /** Whether the selected face's embedding is wanted this frame (saves ~27 ms when not). */
    wantsEmbedding(now: number): boolean {
      if (!track) return false;
      tick(track, now);
      if (track.phase === 'collecting') return true;
      return track.identity !== null && now - track.lastIdentityCheck >= config.identityCheckMs;
    },

    /** The selected face's verdict for this frame. Returns an ask when K frames agree. */
    observe(now: number, sample: Sample): Ask | null {
      const t = track;
      if (!t) return null;
      tick(t, now);
      if (t.phase !== 'collecting') {
        if (sample.qualityOk && sample.embedding && t.identity) {
          t.lastIdentityCheck = now;
          if (cosine(sample.embedding, t.identity) < config.agreeCosine) {
            // Someone else now stands where the tracked face was: a new track, and this frame counts.
            track = startTrack(t.box, now);
            pushSample(track, sample.embedding, sample.quality);
          }
        }
        return null;
      }
      if (!sample.qualityOk) {
        resetStreak(t);
        return null;
      }
      if (!sample.embedding) return null;
      pushSample(t, sample.embedding, sample.quality);
      if (t.streak.length < config.agreeFrames) return null;
      const ask: Ask = {
        trackId: t.id,
        embeddings: t.streak.slice(-config.agreeFrames),
        quality: t.streakQuality.slice(-config.agreeFrames).reduce((s, q) => s + q, 0) / config.agreeFrames,
      };
      t.identity = meanOf(t.streakSum!, t.streak.length);
      t.phase = 'asking';
      t.askedAt = now;
      t.lastIdentityCheck = now;
      resetStreak(t);
      return ask;
    },

    /** The screen's answer for a track. Answers for tracks that have ended are ignored. */
    answer(trackId: number, answer: 'done' | 'retry', now: number): void {
      if (!track || track.id !== trackId || track.phase !== 'asking') return;
      if (answer === 'done') {
        track.phase = 'done';
      } else {
        track.phase = 'cooldown';
        track.cooldownUntil = now + config.retryMs;
      }
    },

    status(): TrackStatus | null {
      if (!track) return null;
      const asked = track.phase === 'asking' || track.phase === 'done';
      return {
        trackId: track.id,
        phase: track.phase,
        agreeing: asked ? config.agreeFrames : track.streak.length,
        needed: config.agreeFrames,
      };
    },
  };
}

export type Tracker = ReturnType<typeof createTracker>;
