// What the renderer's pages expose to tests and the import command, as seen from page.evaluate().
export {};

declare global {
  interface Window {
    rollcallEnrol?: {
      ready: Promise<{ modelId: string }>;
      embedPhoto(bytes: ArrayBuffer, mimeType: string): Promise<{ ok: true; embedding: number[]; quality: number } | { ok: false; reason: string }>;
    };
  }
}
