// The identity model: face-api's face_recognition_model (dlib's public-domain ResNet, 128-d) on
// tfjs's WASM backend, fed the 150 × 150 fapi crop from align.ts. Works in a worker (and on a page):
// face-api is given an OffscreenCanvas environment, because env.monkeyPatch() throws in a worker.
import * as faceapi from '@vladmandic/face-api/dist/face-api.esm.js';
import { ALIGNED_SIZE } from './align';
import { l2normalise } from './geometry';
import { FACEAPI_MODEL_ID } from './model-id';

export { FACEAPI_MODEL_ID };

interface TfWithWasm {
  setWasmPaths(prefix: string): void;
  setBackend(name: string): Promise<boolean>;
  getBackend(): string;
  ready(): Promise<void>;
}

/** Unused by the recognition net but part of face-api's Environment type. */
class NoMediaElement {}

function offscreenEnvironment(): faceapi.Environment {
  return {
    Canvas: OffscreenCanvas,
    CanvasRenderingContext2D: OffscreenCanvasRenderingContext2D,
    Image: NoMediaElement,
    ImageData,
    Video: NoMediaElement,
    createCanvasElement: () => new OffscreenCanvas(1, 1),
    createImageElement: () => {
      throw new Error('face-api: images are not used in this pipeline');
    },
    createVideoElement: () => {
      throw new Error('face-api: video elements are not used in this pipeline');
    },
    fetch: (url: string, init?: RequestInit) => fetch(url, init),
    readFile: () => {
      throw new Error('face-api: no file system in the browser');
    },
  } as unknown as faceapi.Environment;
}

let loaded: Promise<void> | null = null;

async function load(assetsBase: string): Promise<void> {
  faceapi.env.setEnv(offscreenEnvironment());
  const tf = faceapi.tf as unknown as TfWithWasm;
  // Absolute URL: a relative one resolves next to the worker script, 404s, and tfjs then falls back
  // quietly to the software-WebGL backend, 25× slower (face-pipeline.md §10).
  tf.setWasmPaths(`${assetsBase}wasm/tfjs/`);
  const ok = await tf.setBackend('wasm');
  await tf.ready();
  if (!ok || tf.getBackend() !== 'wasm') {
    throw new Error(`tfjs WASM backend did not start (setBackend returned ${ok}, backend is ${tf.getBackend()}); check ${assetsBase}wasm/tfjs/`);
  }
  await faceapi.nets.faceRecognitionNet.loadFromUri(`${assetsBase}models/faceapi`);
}

export interface Embedder {
  modelId: string;
  /** L2-normalised 128-d embedding of an aligned 150 × 150 crop. */
  embed(crop: OffscreenCanvas): Promise<Float32Array>;
}

export async function createEmbedder(assetsBase: string): Promise<Embedder> {
  loaded ??= load(assetsBase);
  loaded.catch(() => (loaded = null));
  await loaded;
  return {
    modelId: FACEAPI_MODEL_ID,
    async embed(crop: OffscreenCanvas): Promise<Float32Array> {
      if (crop.width !== ALIGNED_SIZE || crop.height !== ALIGNED_SIZE) throw new Error(`embed: crop must be ${ALIGNED_SIZE}px square`);
      const out = await faceapi.nets.faceRecognitionNet.computeFaceDescriptor(crop as unknown as HTMLCanvasElement);
      const vector = Array.isArray(out) ? out[0] : out;
      if (!vector || vector.length !== 128) throw new Error('face-api returned no 128-d descriptor');
      return l2normalise(vector);
    },
  };
}
