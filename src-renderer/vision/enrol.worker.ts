// Runs photo enrolment in a worker, for the same reason as the kiosk: MediaPipe's module build only
// loads in a module worker, and the page stays responsive.
import { createPhotoEmbedder, type PhotoEmbedder, type PhotoResult } from './photo-embedder';

export type EnrolRequest = { type: 'init'; assetsBase: string } | { type: 'photo'; id: number; bytes: ArrayBuffer; mimeType: string };
export type EnrolReply =
  | { type: 'ready'; modelId: string }
  | { type: 'failed'; error: string }
  | { type: 'photo'; id: number; result: PhotoResult };

const scope = self as unknown as {
  postMessage(m: EnrolReply): void;
  addEventListener(type: 'message', l: (e: MessageEvent<EnrolRequest>) => void): void;
};

let embedder: Promise<PhotoEmbedder> | null = null;

async function embed(bytes: ArrayBuffer, mimeType: string): Promise<PhotoResult> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(new Blob([bytes], { type: mimeType }));
  } catch (e) {
    return { ok: false, reason: `not a readable image (${String(e)})` };
  }
  try {
    return await (await embedder!).embedPhoto(bitmap);
  } finally {
    bitmap.close();
  }
}

scope.addEventListener('message', (e) => {
  const msg = e.data;
  if (msg.type === 'init') {
    embedder = createPhotoEmbedder(msg.assetsBase);
    embedder.then(
      (p) => scope.postMessage({ type: 'ready', modelId: p.modelId }),
      (err: unknown) => scope.postMessage({ type: 'failed', error: `enrolment models failed to load: ${String(err)}` }),
    );
    return;
  }
  embed(msg.bytes, msg.mimeType).then(
    (result) => scope.postMessage({ type: 'photo', id: msg.id, result }),
    (err: unknown) => scope.postMessage({ type: 'photo', id: msg.id, result: { ok: false, reason: `enrolment failed: ${String(err)}` } }),
  );
});
