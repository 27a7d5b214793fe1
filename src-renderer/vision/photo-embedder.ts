// Enrolment from a photo, with the kiosk's own detector, crop and embedding model, so a photo template
// and a camera probe are comparable. Differences from the camera path, all because a photo is a still
// taken by someone else: IMAGE mode with the full-range model, a padded retry for tight crops, exactly
// one clear face, and only the quality checks that make a template bad (size, frontal pose).
import { ALIGNED_SIZE, drawAligned, fapiTransform } from './align';
import { photoQuality } from './defaults';
import { createImageDetector, type ImageDetector } from './detector';
import { createEmbedder, type Embedder } from './embedder';
import { eyeDistance, type FoundFace } from './geometry';
import { assessPhotoFace } from './quality';

export type PhotoResult = { ok: true; embedding: number[]; quality: number } | { ok: false; reason: string };

/** Large photos are scaled down first; a face in an ID photo stays far above the 150 px crop. */
const MAX_SIDE = 1280;
/** Tight crops (a face edge to edge) need context around them for BlazeFace: retry inside a 2× canvas. */
const PAD_FACTOR = 2;
/** A second face counts when its eye distance is at least this share of the biggest face's. */
const CLEAR_FACE_SHARE = 0.5;

function canvasOf(bitmap: ImageBitmap): OffscreenCanvas {
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas;
}

function padded(image: OffscreenCanvas): OffscreenCanvas {
  const canvas = new OffscreenCanvas(image.width * PAD_FACTOR, image.height * PAD_FACTOR);
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'rgb(128,128,128)';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(image, (canvas.width - image.width) / 2, (canvas.height - image.height) / 2);
  return canvas;
}

function clearFaces(faces: FoundFace[]): FoundFace[] {
  const biggest = Math.max(...faces.map(eyeDistance));
  return faces.filter((f) => eyeDistance(f) >= CLEAR_FACE_SHARE * biggest).sort((a, b) => eyeDistance(b) - eyeDistance(a));
}

export interface PhotoEmbedder {
  modelId: string;
  embedPhoto(bitmap: ImageBitmap): Promise<PhotoResult>;
  close(): void;
}

export async function createPhotoEmbedder(assetsBase: string): Promise<PhotoEmbedder> {
  const detector: ImageDetector = await createImageDetector({ assetsBase, model: 'full', minConfidence: 0.5 });
  const embedder: Embedder = await createEmbedder(assetsBase);
  const crop = new OffscreenCanvas(ALIGNED_SIZE, ALIGNED_SIZE);
  const cropCtx = crop.getContext('2d', { willReadFrequently: true })!;

  return {
    modelId: embedder.modelId,
    async embedPhoto(bitmap: ImageBitmap): Promise<PhotoResult> {
      let image = canvasOf(bitmap);
      let faces = detector.detect(image);
      if (faces.length === 0) {
        image = padded(image);
        faces = detector.detect(image);
      }
      if (faces.length === 0) return { ok: false, reason: 'no face found' };
      const clear = clearFaces(faces);
      if (clear.length > 1) return { ok: false, reason: `${clear.length} faces found; the photo must show one person` };
      const face = clear[0]!;
      const quality = assessPhotoFace(face, photoQuality);
      if (!quality.ok) {
        const failed = quality.checks.find((c) => !c.ok)!;
        const what = failed.name === 'face_size' ? 'face too small' : 'face not turned to the camera';
        return { ok: false, reason: `${what} (${failed.detail})` };
      }
      drawAligned(cropCtx, image, fapiTransform(face));
      const embedding = await embedder.embed(crop);
      return { ok: true, embedding: Array.from(embedding), quality: quality.score };
    },
    close(): void {
      detector.close();
    },
  };
}
