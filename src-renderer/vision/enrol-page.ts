// Entry of enrol.html: the page the command-line roster import drives in headless Chromium to turn
// photo files into templates with exactly the kiosk's pipeline (detector, crop, model).
import { createPhotoClient } from './photo-client';
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

const client = createPhotoClient(new URL('./', window.location.href).href);
window.rollcallEnrol = { ready: client.ready, embedPhoto: client.embedPhoto };

// Whoever awaits `ready` gets the error; this makes sure it also reaches the console of a page nobody
// is watching yet.
client.ready.catch((e: unknown) => console.error(String(e)));
