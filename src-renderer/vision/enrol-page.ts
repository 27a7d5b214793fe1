// Entry of enrol.html: the page the command-line roster import drives in headless Chromium to turn
// photo files into templates with exactly the kiosk's pipeline (detector, crop, model).
import type { EnrolReply, EnrolRequest } from './enrol.worker';
import type { PhotoResult } from './photo-embedder';

export interface RollcallEnrol {
  ready: Promise<{ modelId: string }>;
  embedPhoto(bytes: ArrayBuffer, mimeType: string): Promise<PhotoResult>;
}

declare global {
  interface Window {
    rollcallEnrol?: RollcallEnrol;
  }
}

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
send({ type: 'init', assetsBase: new URL('./', window.location.href).href });

window.rollcallEnrol = {
  ready,
  async embedPhoto(bytes: ArrayBuffer, mimeType: string): Promise<PhotoResult> {
    await ready;
    const id = nextId++;
    return new Promise<PhotoResult>((resolve) => {
      waiting.set(id, resolve);
      send({ type: 'photo', id, bytes, mimeType }, [bytes]);
    });
  },
};

// Whoever awaits `ready` gets the error; this makes sure it also reaches the console of a page nobody
// is watching yet.
ready.catch((e: unknown) => console.error(String(e)));
