// The vision pipeline's interface to the screens. The pipeline senses; it never decides who someone
// is: it hands the tracked face's embeddings to `onFace`, and the core answers.
import type { FaceEvidence, Heartbeat, VisionSettings } from '../../src-preload/contract';

/** Why a frame's face is not good enough yet, phrased as what the student should do. */
export type QualityHint =
  | 'move_closer'
  | 'move_back'
  | 'centre_face'
  | 'face_camera'
  | 'more_light'
  | 'less_light'
  | 'hold_still'
  | 'one_at_a_time';

export interface NormalisedBox {
  /** Fractions of the frame width/height, 0..1, origin top-left of the camera image (not mirrored). */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FrameReport {
  /** The face the tracker follows, or null when there is none. */
  face: null | {
    box: NormalisedBox;
    qualityOk: boolean;
    hint: QualityHint | null;
    /** How many consecutive agreeing frames the tracker has, out of how many it needs. */
    agreeing: number;
    needed: number;
  };
  fps: number;
  /** Camera media time of this frame in seconds, and when the worker received it (performance.now()). */
  mediaSeconds: number;
  receivedAt: number;
  detectMs: number;
  embedMs: number | null;
}

/** What the screen does with a tracked face: 'done' ends this track; 'retry' allows another ask later. */
export type FaceAnswer = 'done' | 'retry';

/** One good frame offered for enrolment: its embedding, pose, and the aligned face crop to show for approval. */
export interface EnrolmentSample {
  embedding: number[];
  quality: number;
  yawDeg: number;
  pitchDeg: number;
  /** The 150×150 aligned crop the embedding was made from; shown on screen only, never sent or stored. */
  crop: ImageBitmap;
}

export interface VisionOptions {
  /** The preview element; the pipeline attaches the camera stream to it. */
  video: HTMLVideoElement;
  settings: VisionSettings;
  /** Absolute URL under which models/ and wasm/ are served (the app's own origin). */
  assetsBase: string;
  onFrame(report: FrameReport): void;
  onFace(evidence: FaceEvidence): Promise<FaceAnswer>;
  /** Text of a QR card seen by the camera (the student number). */
  onCard(code: string): void;
  onHeartbeat(h: Heartbeat): void;
  /**
   * Enrolment mode: instead of asking who a face is, the pipeline offers every good frame (a few a
   * second) as a sample. No QR reading and no check-ins happen in this mode.
   */
  onSample?(sample: EnrolmentSample): void;
}

export interface VisionHandle {
  stop(): Promise<void>;
}

export type StartVision = (opts: VisionOptions) => Promise<VisionHandle>;
