// What the app needs from npm packages at run time, and where it goes under assets/ (served as the
// renderer's public folder, so assets/models/x is fetched as ./models/x). Nothing is fetched from the
// network: every file comes out of an installed package.
import { basename } from 'node:path';
import { addTfliteMetadata, blazeFaceSpec } from './tflite-metadata.js';

export interface AssetRule {
  pkg: string;
  /** Folder inside the package holding the files ('' for the package folder itself). */
  from: string;
  /** File names in that folder; a RegExp picks every file whose name matches. */
  files: string[] | RegExp;
  /** Folder under the output folder. */
  to: string;
  /** Turns the package's file into ours; absent means a plain copy. */
  recipe?: Recipe;
}

export interface Recipe {
  /** Recorded in the manifest; change it whenever `apply` changes so old outputs are rebuilt. */
  id: string;
  apply(bytes: Uint8Array, fileName: string): Uint8Array;
}

// MediaPipe Tasks refuses these models until they carry metadata (docs/face-pipeline.md section 1).
const addDetectorMetadata: Recipe = {
  id: 'tflite-metadata/1',
  apply: (bytes, fileName) => addTfliteMetadata(bytes, blazeFaceSpec(`BlazeFace ${basename(fileName, '.tflite')}`)),
};

export const assetPlan: AssetRule[] = [
  {
    pkg: '@mediapipe/face_detection',
    from: '',
    // Not the sparse variant: only these two were shown to run in MediaPipe Tasks once patched.
    files: ['face_detection_short_range.tflite', 'face_detection_full_range.tflite'],
    to: 'models',
    recipe: addDetectorMetadata,
  },
  {
    pkg: '@vladmandic/face-api',
    from: 'model',
    files: ['face_recognition_model-weights_manifest.json', 'face_recognition_model.bin'],
    to: 'models/faceapi',
  },
  { pkg: '@mediapipe/tasks-vision', from: 'wasm', files: /^/, to: 'wasm/mediapipe' },
  { pkg: '@tensorflow/tfjs-backend-wasm', from: 'dist', files: /\.wasm$/, to: 'wasm/tfjs' },
];
