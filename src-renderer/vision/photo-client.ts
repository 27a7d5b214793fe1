// The page side of photo enrolment: one enrolment worker (the kiosk's detector, crop and model) and a
// promise per photo. Used by enrol.html (the command-line import) and the admin screen's photo upload.
import type { EnrolReply, EnrolRequest } from './enrol.worker';
import type { PhotoResult } from './photo-embedder';

export interface PhotoClient {
  ready: Promise<{ modelId: string }>;
  embedPhoto(bytes: ArrayBuffer, mimeType: string): Promise<PhotoResult>;
  close(): void;
}

export function createPhotoClient(assetsBase: string): PhotoClient {
  const worker = new Worker(new URL('./enrol.worker.ts', import.meta.url), { type: 'module' });
  const waiting = new Map<number, (r: PhotoResult) => void>();
  let nextId = 1;
  const ready = new Promise<{ modelId: string }>((resolve, reject) => {
    worker.addEventListener('message', (e: MessageEvent<EnrolReply>) => {
      const msg = e.data;
      if (msg.type === 'ready') resolve({ modelId: msg.modelId });
      else if (msg.type === 'failed') reject(new Error(msg.error));
      else {
        waiting.get(msg.id)?.(msg.result);
        waiting.delete(msg.id);
      }
    });
    worker.addEventListener('error', (e) => reject(new Error(`enrolment worker failed: ${e.message}`)));
  });
  const send = (m: EnrolRequest, transfer: Transferable[] = []) => worker.postMessage(m, transfer);
  send({ type: 'init', assetsBase });
  return {
    ready,
    async embedPhoto(bytes: ArrayBuffer, mimeType: string): Promise<PhotoResult> {
      await ready;
      const id = nextId++;
      return new Promise<PhotoResult>((resolve) => {
        waiting.set(id, resolve);
        send({ type: 'photo', id, bytes, mimeType }, [bytes]);
      });
    },
    close(): void {
      worker.terminate();
      for (const resolve of waiting.values()) resolve({ ok: false, reason: 'enrolment was closed' });
      waiting.clear();
    },
  };
}
