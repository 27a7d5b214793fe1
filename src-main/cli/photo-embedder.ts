// Enrols photo files with exactly the kiosk's vision pipeline: the renderer's enrolment page runs in
// headless Chromium, served from the built renderer on loopback, and hands back one embedding per photo.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Browser, Page } from 'playwright';
import { createHttpHost } from '../serve/http-host.js';
import type { Handlers } from '../core/app.js';
import type { Logger } from '../core/log.js';
import { launchChromium } from './chromium.js';

export type PhotoEmbedding = { ok: true; embedding: number[]; quality: number } | { ok: false; reason: string };

interface EnrolWindow {
  rollcallEnrol: {
    ready: Promise<{ modelId: string }>;
    embedPhoto(bytes: ArrayBuffer, mimeType: string): Promise<PhotoEmbedding>;
  };
}

const MIME: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' };

const noHandlers = new Proxy({} as Handlers, {
  get: () => () => {
    throw new Error('The enrolment page has no kiosk channels');
  },
});

export async function startPhotoEmbedder(opts: { rendererDir: string; log: Logger }) {
  const host = createHttpHost({ rendererDir: opts.rendererDir, handlers: noHandlers, log: opts.log, port: 0 });
  await host.start();
  let browser: Browser | null = null;
  try {
    browser = await launchChromium();
    const page: Page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(new URL('enrol.html', host.url).toString());
    await page.waitForFunction(() => "rollcallEnrol" in globalThis, null, { timeout: 30_000 });
    const { modelId } = await page.evaluate(() => (globalThis as unknown as EnrolWindow).rollcallEnrol.ready);
    return {
      modelId,
      async embedFile(path: string): Promise<PhotoEmbedding> {
        const mime = MIME[extname(path).toLowerCase()];
        if (!mime) return { ok: false, reason: 'not a .jpg, .jpeg or .png file' };
        const bytes = await readFile(path);
        return page.evaluate(
          async ({ b64, type }) => {
            const bin = atob(b64);
            const buf = new Uint8Array(bin.length);
            for (let i = 0; i < bin.length; i++) buf[i] = bin.charCodeAt(i);
            return (globalThis as unknown as EnrolWindow).rollcallEnrol.embedPhoto(buf.buffer, type);
          },
          { b64: bytes.toString('base64'), type: mime },
        );
      },
      async stop() {
        await browser?.close();
        await host.stop();
      },
    };
  } catch (e) {
    await browser?.close();
    await host.stop();
    throw new Error(`Could not start the enrolment pipeline in Chromium: ${(e as Error).message}`);
  }
}
