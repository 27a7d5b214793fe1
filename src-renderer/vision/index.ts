// The vision pipeline's page side: opens the camera, shows it in the preview, and hands the frames to
// the vision worker, which does all the inference. Relays the worker's reports to the screen's
// callbacks and sends the heartbeat every 2 s.
import type { FromWorker, ToWorker } from './protocol';
import { createHeartbeatMeter } from './heartbeat';
import type { FaceAnswer, StartVision, VisionHandle, VisionOptions } from './types';

export { FACEAPI_MODEL_ID } from './model-id';
export { defaultVisionSettings } from './defaults';

const HEARTBEAT_MS = 2000;
/** How long stop() waits for the worker to release the detector before terminating it. */
const STOP_GRACE_MS = 1000;

type TrackProcessorCtor = new (init: { track: MediaStreamTrack }) => { readable: ReadableStream<VideoFrame> };

async function openCamera(): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({
    audio: false,
    video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 }, facingMode: 'user' },
  });
}

async function showPreview(video: HTMLVideoElement, stream: MediaStream): Promise<void> {
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  await video.play();
}

/**
 * Without MediaStreamTrackProcessor (older Chromium): take one ImageBitmap of the <video> per
 * presented frame (the same as drawing it into a canvas, without the canvas) and transfer it. It is
 * the only read of that frame, so detector, crop and QR still share one snapshot. One at a time: the
 * next is taken only when the worker is done (about 15 fps against 25 with the processor).
 */
function startBitmapFallback(video: HTMLVideoElement, send: (m: ToWorker, t: Transferable[]) => void) {
  let waiting = false;
  let stopped = false;
  const next = () => {
    if (stopped) return;
    if (typeof video.requestVideoFrameCallback === 'function') video.requestVideoFrameCallback((_, meta) => void grab(meta.mediaTime));
    else requestAnimationFrame(() => void grab(video.currentTime));
  };
  const grab = async (mediaSeconds: number) => {
    if (!waiting && video.readyState >= 2) {
      waiting = true;
      const bitmap = await createImageBitmap(video);
      send({ type: 'bitmap', bitmap, mediaSeconds }, [bitmap]);
    }
    next();
  };
  next();
  return {
    done(): void {
      waiting = false;
    },
    stop(): void {
      stopped = true;
    },
  };
}

export const startVision: StartVision = async (opts: VisionOptions): Promise<VisionHandle> => {
  let stream: MediaStream;
  try {
    stream = await openCamera();
  } catch (e) {
    // The watchdog hears about it too, not just the screen that called us.
    const error = `camera could not be opened: ${String(e)}`.slice(0, 500);
    opts.onHeartbeat({ fps: 0, framesProcessed: 0, mediaSeconds: 0, cameraState: 'error', visionState: 'loading', error });
    throw e;
  }
  const cameraStartedAt = performance.timeOrigin + performance.now();
  const track = stream.getVideoTracks()[0];
  if (!track) {
    for (const t of stream.getTracks()) t.stop();
    throw new Error('the camera gave no video track');
  }
  // A preview that will not play (autoplay policy) must not stop recognition; the frames do not come
  // from the <video>.
  await showPreview(opts.video, stream).catch((e: unknown) => console.warn('vision: camera preview did not start', e));

  const meter = createHeartbeatMeter();
  const worker = new Worker(new URL('./vision.worker.ts', import.meta.url), { type: 'module' });
  const send = (m: ToWorker, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  let stopped = false;
  let onStopped: (() => void) | null = null;
  let fallback: ReturnType<typeof startBitmapFallback> | null = null;
  const beat = () => opts.onHeartbeat(meter.beat(performance.now()));

  const answer = (trackId: number, a: FaceAnswer) => {
    if (!stopped) send({ type: 'answer', trackId, answer: a });
  };

  worker.addEventListener('message', (e: MessageEvent<FromWorker>) => {
    const msg = e.data;
    // Once stop() has begun, the screen hears nothing more from this pipeline.
    if (stopped && msg.type !== 'stopped') return;
    switch (msg.type) {
      case 'frame':
        meter.frame(msg.report, performance.now());
        opts.onFrame(msg.report);
        break;
      case 'alive':
        meter.alive(msg.mediaSeconds, performance.now());
        break;
      case 'face':
        opts.onFace(msg.evidence).then(
          (a) => answer(msg.trackId, a),
          (err: unknown) => {
            console.error('vision: onFace failed, will ask again', err);
            answer(msg.trackId, 'retry');
          },
        );
        break;
      case 'card':
        opts.onCard(msg.code);
        break;
      case 'sample':
        if (opts.onSample) opts.onSample(msg.sample);
        else msg.sample.crop.close();
        break;
      case 'state':
        meter.vision(msg.visionState, msg.error);
        if (msg.error) console.error(`vision: ${msg.error}`);
        beat();
        break;
      case 'bitmap-done':
        fallback?.done();
        break;
      case 'log':
        (msg.level === 'error' ? console.error : console.warn)(`vision worker: ${msg.message}`);
        break;
      case 'stopped':
        onStopped?.();
        break;
    }
  });
  worker.addEventListener('error', (e) => {
    meter.vision('error', `vision worker crashed: ${e.message}`);
    beat();
  });
  track.addEventListener('ended', () => {
    if (stopped) return;
    meter.cameraFailed('the camera was disconnected');
    beat();
  });

  const mode = opts.onSample ? 'enrol' : 'kiosk';
  const Processor = (globalThis as unknown as { MediaStreamTrackProcessor?: TrackProcessorCtor }).MediaStreamTrackProcessor;
  if (Processor) {
    // The processor only exists on the page, and tracks cannot be transferred; its stream can.
    const { readable } = new Processor({ track });
    send({ type: 'start', settings: opts.settings, assetsBase: opts.assetsBase, readable, cameraStartedAt, mode }, [readable]);
  } else {
    send({ type: 'start', settings: opts.settings, assetsBase: opts.assetsBase, readable: null, cameraStartedAt, mode });
    fallback = startBitmapFallback(opts.video, send);
  }
  const timer = setInterval(beat, HEARTBEAT_MS);

  return {
    async stop(): Promise<void> {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      fallback?.stop();
      // Let the worker close the detector and cancel its reader, but do not hang on a stuck worker.
      await new Promise<void>((resolve) => {
        onStopped = resolve;
        setTimeout(resolve, STOP_GRACE_MS);
        send({ type: 'stop' });
      });
      worker.terminate();
      for (const t of stream.getTracks()) t.stop();
      opts.video.srcObject = null;
    },
  };
};
