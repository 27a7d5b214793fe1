// The vision worker: owns the camera frames, the models and the tracker, so the kiosk's UI thread
// never waits on inference (face-pipeline.md §10: in a worker the page keeps 60 fps and 0 long tasks).
import { createVideoDetector, type VideoDetector } from './detector';
import { createEmbedder } from './embedder';
import { createFramePipeline, type FramePipeline, type Snapshot } from './frame-pipeline';
import type { FromWorker, ToWorker, WorkerScope } from './protocol';

const scope = self as unknown as WorkerScope;
const post = (m: FromWorker, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

let pipeline: FramePipeline | null = null;
let detector: VideoDetector | null = null;
let reader: ReadableStreamDefaultReader<VideoFrame> | null = null;
let running = false;
let cameraStartedAt = 0;
/** Smallest (arrival time − frame timestamp) seen, ms: the frame clock's offset from the page clock. */
let clockOffset = Infinity;
let lastAliveAt = -Infinity;
let busyWithBitmap = false;
const errorsLoggedAt = new Map<string, number>();

/** A failure that repeats on every frame is logged once per 10 s, not 25 times a second. */
function logFrameError(e: unknown): void {
  const message = `frame failed: ${String(e)}`;
  const now = performance.now();
  if (now - (errorsLoggedAt.get(message) ?? -Infinity) < 10_000) return;
  errorsLoggedAt.set(message, now);
  post({ type: 'log', level: 'error', message });
}

/**
 * Camera media time in seconds since the camera started. VideoFrame timestamps run on a clock of
 * their own; the processor may hand over a frame that waited in its queue, so the offset to the page
 * clock is the smallest arrival-minus-timestamp seen (a frame read the moment it was captured). It
 * settles while the models load, before any frame is reported.
 */
function mediaSecondsOf(timestampUs: number): number {
  const arrived = performance.timeOrigin + performance.now();
  clockOffset = Math.min(clockOffset, arrived - timestampUs / 1000);
  return Math.max(0, (timestampUs / 1000 + clockOffset - cameraStartedAt) / 1000);
}

/** While models load, frames are only counted, so the page can tell a live camera from a stalled one. */
function reportAlive(mediaSeconds: number, now: number): void {
  if (now - lastAliveAt < 500) return;
  lastAliveAt = now;
  post({ type: 'alive', mediaSeconds });
}

/**
 * Reads the next camera frame and turns it into the one snapshot everything reads. The VideoFrame is
 * closed as soon as the bitmap exists: an unclosed frame holds a camera buffer, and the camera stops
 * after a couple of them.
 */
async function nextSnapshot(r: ReadableStreamDefaultReader<VideoFrame>): Promise<Snapshot | 'skip' | null> {
  const { value: frame, done } = await r.read();
  if (done || !frame) return null;
  const receivedAt = performance.now();
  try {
    const mediaSeconds = mediaSecondsOf(frame.timestamp);
    if (!pipeline || !running) {
      reportAlive(mediaSeconds, receivedAt);
      return 'skip';
    }
    return { bitmap: await createImageBitmap(frame), mediaSeconds, receivedAt };
  } finally {
    frame.close();
  }
}

/**
 * Two frames in flight: the next frame is read and converted (the browser does that off this thread)
 * while the current one is processed. One in flight gave ~17 fps, two ~28 fps (face-pipeline.md §10).
 */
async function readLoop(r: ReadableStreamDefaultReader<VideoFrame>): Promise<void> {
  let pending = nextSnapshot(r);
  while (running) {
    const snap = await pending;
    if (snap === null) break;
    if (!running) {
      if (snap !== 'skip') snap.bitmap.close();
      break;
    }
    pending = nextSnapshot(r);
    if (snap === 'skip') continue;
    try {
      await pipeline!.process(snap);
    } catch (e) {
      logFrameError(e);
    } finally {
      snap.bitmap.close();
    }
  }
  // Whatever was read ahead is released too.
  const left = await pending.catch(() => null);
  if (left && left !== 'skip') left.bitmap.close();
  if (running) post({ type: 'log', level: 'warn', message: 'camera stream ended' });
}

async function start(msg: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  running = true;
  cameraStartedAt = msg.cameraStartedAt;
  post({ type: 'state', visionState: 'loading' });
  if (msg.readable) {
    reader = msg.readable.getReader();
    void readLoop(reader).catch((e: unknown) => post({ type: 'log', level: 'error', message: `camera read failed: ${String(e)}` }));
  }
  try {
    const onError = (message: string) => post({ type: 'log', level: 'error', message });
    detector = await createVideoDetector({ assetsBase: msg.assetsBase, model: msg.settings.detector, onError });
    const embedder = await createEmbedder(msg.assetsBase);
    if (!running) return;
    pipeline = createFramePipeline({ detector, embedder, settings: msg.settings, post, mode: msg.mode ?? 'kiosk' });
    post({ type: 'state', visionState: 'ready' });
  } catch (e) {
    post({ type: 'state', visionState: 'error', error: `vision models failed to load: ${String(e)}`.slice(0, 500) });
  }
}

async function onBitmap(msg: Extract<ToWorker, { type: 'bitmap' }>): Promise<void> {
  const now = performance.now();
  if (!pipeline || !running || busyWithBitmap) {
    // The page sends one bitmap at a time, so "busy" only happens around a restart; drop it.
    reportAlive(msg.mediaSeconds, now);
    msg.bitmap.close();
    post({ type: 'bitmap-done' });
    return;
  }
  busyWithBitmap = true;
  try {
    await pipeline.process({ bitmap: msg.bitmap, mediaSeconds: msg.mediaSeconds, receivedAt: now });
  } catch (e) {
    logFrameError(e);
  } finally {
    busyWithBitmap = false;
    msg.bitmap.close();
    post({ type: 'bitmap-done' });
  }
}

async function stop(): Promise<void> {
  running = false;
  // Cancelling a stream the camera already ended rejects; there is nothing left to release then.
  await reader?.cancel().catch(() => undefined);
  detector?.close();
  detector = null;
  pipeline = null;
  post({ type: 'stopped' });
}

scope.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  const msg = e.data;
  switch (msg.type) {
    case 'start':
      void start(msg);
      break;
    case 'bitmap':
      void onBitmap(msg);
      break;
    case 'answer':
      pipeline?.answer(msg.trackId, msg.answer);
      break;
    case 'stop':
      void stop();
      break;
  }
});
