// What the worker does with one camera snapshot: detect → pick and follow a face → quality gate →
// align → embed (only when the tracker wants one) → maybe ask; plus a QR read every third frame.
// Detector, crop and QR all read the same ImageBitmap, so they cannot see different frames
// (face-pipeline.md §3: reading the <video> twice once put a black crop next to a face detection).
import type { VisionSettings } from '../../src-preload/contract';
import { ALIGNED_SIZE, drawAligned, FACE_REGION, fapiTransform } from './align';
import type { VideoDetector } from './detector';
import type { Embedder } from './embedder';
import type { FromWorker } from './protocol';
import { createCardDebouncer, decodeQr, qrView } from './qr';
import { imageStats, toGrey } from './image-stats';
import { assessKioskFace, headPose } from './quality';
import { createTracker, defaultTrackerConfig } from './tracker';
import type { FaceAnswer, FrameReport } from './types';

export interface Snapshot {
  bitmap: ImageBitmap;
  /** Camera media time, seconds since the first frame the worker saw. */
  mediaSeconds: number;
  /** performance.now() when the worker got the frame. */
  receivedAt: number;
}

const QR_EVERY_NTH_FRAME = 3;
const CARD_QUIET_MS = 3000;
const FPS_WINDOW_MS = 2000;
/** Enrolment offers at most this many samples a second; the page keeps the ones that differ. */
const SAMPLE_EVERY_MS = 200;

export function createFramePipeline(deps: {
  detector: VideoDetector;
  embedder: Embedder;
  settings: VisionSettings;
  post(message: FromWorker, transfer?: Transferable[]): void;
  mode?: 'kiosk' | 'enrol';
}) {
  const { detector, embedder, settings, post } = deps;
  const enrolling = deps.mode === 'enrol';
  let lastSampleAt = -Infinity;
  const tracker = createTracker({ ...defaultTrackerConfig, agreeFrames: settings.agreeFrames });
  const cards = createCardDebouncer(CARD_QUIET_MS);
  const aligned = new OffscreenCanvas(ALIGNED_SIZE, ALIGNED_SIZE);
  const alignedCtx = aligned.getContext('2d', { willReadFrequently: true })!;
  const qrCanvas = new OffscreenCanvas(1, 1);
  const qrCtx = qrCanvas.getContext('2d', { willReadFrequently: true })!;
  const recent: number[] = [];
  let frameNumber = 0;

  function fps(now: number): number {
    recent.push(now);
    while (recent.length > 0 && now - recent[0]! > FPS_WINDOW_MS) recent.shift();
    if (recent.length < 2) return 0;
    return ((recent.length - 1) * 1000) / (now - recent[0]!);
  }

  function readCard(bitmap: ImageBitmap, now: number, scan: number): void {
    const v = qrView(bitmap.width, bitmap.height, scan);
    const w = Math.round(v.width * v.scale);
    const h = Math.round(v.height * v.scale);
    if (qrCanvas.width !== w || qrCanvas.height !== h) {
      qrCanvas.width = w;
      qrCanvas.height = h;
    }
    qrCtx.drawImage(bitmap, v.x, v.y, v.width, v.height, 0, 0, w, h);
    const code = decodeQr(qrCtx.getImageData(0, 0, w, h).data, w, h);
    if (code !== null && cards.shouldReport(code, now)) post({ type: 'card', code });
  }

  return {
    async process(snap: Snapshot): Promise<void> {
      const { bitmap, receivedAt: now } = snap;
      const frame = { width: bitmap.width, height: bitmap.height };
      const t0 = performance.now();
      const faces = detector.detect(bitmap, now);
      const detectMs = performance.now() - t0;
      let embedMs: number | null = null;
      let face: FrameReport['face'] = null;

      const index = faces ? tracker.select(now, faces.map((f) => f.box), frame) : null;
      if (faces && index !== null) {
        const subject = faces[index]!;
        drawAligned(alignedCtx, bitmap, fapiTransform(subject));
        const region = alignedCtx.getImageData(FACE_REGION.x, FACE_REGION.y, FACE_REGION.width, FACE_REGION.height);
        const stats = imageStats(toGrey(region.data, region.width, region.height), region.width, region.height);
        const quality = assessKioskFace({ face: subject, others: faces.filter((_, i) => i !== index), frame, stats }, settings.quality);
        let embedding: Float32Array | null = null;
        if (enrolling && quality.ok && now - lastSampleAt >= SAMPLE_EVERY_MS) {
          lastSampleAt = now;
          const t1 = performance.now();
          const vector = await embedder.embed(aligned);
          embedMs = performance.now() - t1;
          const pose = headPose(subject);
          const crop = await createImageBitmap(aligned);
          post(
            { type: 'sample', sample: { embedding: Array.from(vector), quality: quality.score, yawDeg: pose.yawDeg, pitchDeg: pose.pitchDeg, crop } },
            [crop],
          );
        }
        if (!enrolling && quality.ok && tracker.wantsEmbedding(now)) {
          const t1 = performance.now();
          embedding = await embedder.embed(aligned);
          embedMs = performance.now() - t1;
        }
        const ask = enrolling ? null : tracker.observe(now, { qualityOk: quality.ok, quality: quality.score, embedding });
        if (ask) {
          post({
            type: 'face',
            trackId: ask.trackId,
            evidence: { modelId: embedder.modelId, embeddings: ask.embeddings.map((e) => Array.from(e)), quality: ask.quality },
          });
        }
        const status = tracker.status();
        face = {
          box: {
            x: subject.box.x / frame.width,
            y: subject.box.y / frame.height,
            width: subject.box.width / frame.width,
            height: subject.box.height / frame.height,
          },
          qualityOk: quality.ok,
          hint: quality.hint,
          agreeing: status?.agreeing ?? 0,
          needed: settings.agreeFrames,
        };
      }

      if (!enrolling && frameNumber % QR_EVERY_NTH_FRAME === 0) readCard(bitmap, now, frameNumber / QR_EVERY_NTH_FRAME);
      frameNumber++;

      post({
        type: 'frame',
        report: { face, fps: fps(now), mediaSeconds: snap.mediaSeconds, receivedAt: now, detectMs, embedMs },
      });
    },

    answer(trackId: number, answer: FaceAnswer): void {
      tracker.answer(trackId, answer, performance.now());
    },
  };
}

export type FramePipeline = ReturnType<typeof createFramePipeline>;
