// MediaPipe Tasks FaceDetector running the BlazeFace models that scripts/prepare-models.ts patched
// with TFLite metadata (face-pipeline.md §1). Only ever created inside a module worker: the module
// build of the Tasks WASM loader is an ES module, which a page would try to load as a classic script.
import { FaceDetector, FilesetResolver, type Detection } from '@mediapipe/tasks-vision';
import { faceFromDetection, type FoundFace } from './geometry';

export type DetectorModel = 'short' | 'full';

const MODEL_FILE: Record<DetectorModel, string> = {
  short: 'models/face_detection_short_range.tflite',
  full: 'models/face_detection_full_range.tflite',
};

interface Fileset {
  wasm: Awaited<ReturnType<typeof FilesetResolver.forVisionTasks>>;
  factory: unknown;
}

let fileset: Promise<Fileset> | null = null;

/**
 * The Tasks runtime, loaded once per worker. Tasks clears `self.ModuleFactory` after creating a task
 * and a module worker cannot re-run the cached loader, so a second detector fails with "ModuleFactory
 * not set" (face-pipeline.md §10). We import the loader ourselves, keep its factory, and put it back
 * before every create.
 */
function loadFileset(assetsBase: string): Promise<Fileset> {
  fileset ??= (async () => {
    const wasm = await FilesetResolver.forVisionTasks(`${assetsBase}wasm/mediapipe`, true);
    const loader = (await import(/* @vite-ignore */ wasm.wasmLoaderPath)) as { default?: unknown };
    if (typeof loader.default !== 'function') throw new Error(`MediaPipe loader ${wasm.wasmLoaderPath} has no default export`);
    return { wasm, factory: loader.default };
  })();
  fileset.catch(() => (fileset = null));
  return fileset;
}

export interface DetectorOptions {
  assetsBase: string;
  model: DetectorModel;
  mode: 'IMAGE' | 'VIDEO';
  minConfidence?: number;
}

async function createTask(opts: DetectorOptions): Promise<FaceDetector> {
  const { wasm, factory } = await loadFileset(opts.assetsBase);
  (self as unknown as { ModuleFactory: unknown }).ModuleFactory = factory;
  return FaceDetector.createFromOptions(wasm, {
    baseOptions: { modelAssetPath: `${opts.assetsBase}${MODEL_FILE[opts.model]}`, delegate: 'CPU' },
    runningMode: opts.mode,
    minDetectionConfidence: opts.minConfidence ?? 0.5,
  });
}

function toFaces(detections: Detection[], width: number, height: number): FoundFace[] {
  const faces: FoundFace[] = [];
  for (const d of detections) {
    const bb = d.boundingBox;
    if (!bb) continue;
    const face = faceFromDetection(
      { box: { x: bb.originX, y: bb.originY, width: bb.width, height: bb.height }, score: d.categories[0]?.score ?? 0, keypoints: d.keypoints },
      width,
      height,
    );
    if (face) faces.push(face);
  }
  return faces;
}

type Image = ImageBitmap | OffscreenCanvas;

/** Still images (enrolment photos). */
export async function createImageDetector(opts: Omit<DetectorOptions, 'mode'>) {
  const task = await createTask({ ...opts, mode: 'IMAGE' });
  return {
    detect(image: Image): FoundFace[] {
      return toFaces(task.detect(image).detections, image.width, image.height);
    },
    close(): void {
      task.close();
    },
  };
}

/**
 * Camera frames. VIDEO mode needs strictly increasing timestamps, and one repeated timestamp breaks
 * the task for good (face-pipeline.md §10), so timestamps are forced upward here, and a task that
 * throws anyway is replaced; frames that arrive while it is being rebuilt get `null`.
 */
export async function createVideoDetector(opts: Omit<DetectorOptions, 'mode'> & { onError(message: string): void }) {
  let task: FaceDetector | null = await createTask({ ...opts, mode: 'VIDEO' });
  let lastTimestamp = -Infinity;
  let closed = false;

  function rebuild(): void {
    task = null;
    createTask({ ...opts, mode: 'VIDEO' }).then(
      (t) => {
        if (closed) t.close();
        else task = t;
      },
      (e: unknown) => opts.onError(`face detector could not be rebuilt: ${String(e)}`),
    );
  }

  return {
    detect(image: Image, timestampMs: number): FoundFace[] | null {
      if (!task) return null;
      const ts = Math.max(Math.floor(timestampMs), Math.floor(lastTimestamp) + 1);
      lastTimestamp = ts;
      try {
        return toFaces(task.detectForVideo(image, ts).detections, image.width, image.height);
      } catch (e) {
        opts.onError(`face detector failed, rebuilding it: ${String(e)}`);
        const broken = task;
        rebuild();
        try {
          broken.close();
        } catch {
          // Closing a broken task may throw too; it is being replaced either way.
        }
        return null;
      }
    },
    close(): void {
      closed = true;
      task?.close();
      task = null;
    },
  };
}

export type VideoDetector = Awaited<ReturnType<typeof createVideoDetector>>;
export type ImageDetector = Awaited<ReturnType<typeof createImageDetector>>;
