// Messages between the page (index.ts) and the vision worker (vision.worker.ts).
import type { FaceEvidence, VisionSettings } from '../../src-preload/contract';
import type { EnrolmentSample, FaceAnswer, FrameReport } from './types';

export type ToWorker =
  /**
   * `readable` is the camera track's MediaStreamTrackProcessor stream, transferred. `cameraStartedAt`
   * (performance.timeOrigin + now(), ms: comparable across page and worker) is when getUserMedia
   * resolved, so media time counts from the camera's start, not from the worker's first read.
   */
  | {
      type: 'start';
      settings: VisionSettings;
      assetsBase: string;
      readable: ReadableStream<VideoFrame> | null;
      cameraStartedAt: number;
      /** 'enrol': offer samples instead of asking who a face is. */
      mode?: 'kiosk' | 'enrol';
    }
  /** Fallback when the page has no MediaStreamTrackProcessor: one snapshot per video frame. */
  | { type: 'bitmap'; bitmap: ImageBitmap; mediaSeconds: number }
  | { type: 'answer'; trackId: number; answer: FaceAnswer }
  | { type: 'stop' };

export type FromWorker =
  | { type: 'state'; visionState: 'loading' | 'ready' | 'error'; error?: string }
  /** A camera frame arrived (sent while models load, when frames are not yet reported). */
  | { type: 'alive'; mediaSeconds: number }
  | { type: 'frame'; report: FrameReport }
  | { type: 'face'; trackId: number; evidence: FaceEvidence }
  | { type: 'card'; code: string }
  | { type: 'sample'; sample: EnrolmentSample }
  /** The worker finished with a fallback bitmap and can take the next. */
  | { type: 'bitmap-done' }
  | { type: 'log'; level: 'warn' | 'error'; message: string }
  | { type: 'stopped' };

/** The parts of a dedicated worker's global scope we use (the renderer's tsconfig has no WebWorker lib). */
export interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToWorker>) => void): void;
  close(): void;
}
