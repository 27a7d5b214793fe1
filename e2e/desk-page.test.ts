// A desk browser opened straight at /#admin is not the kiosk screen: it sends no heartbeats, so closing
// it is no stale kiosk page (no watchdog restart, no camera "paused" forever). The kiosk page's own
// admin overlay still tells the core its camera is paused, also after a reload with the overlay open.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright';
import { launchChromium } from '../src-main/cli/chromium.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const dir = tempDir('rollcall-desk-');
const dataDir = join(dir, 'data');
const NOW = '2026-12-07T07:05:00Z';
let serve: ServeProcess;
let healthUrl: string;
let browser: Browser;

before(async () => {
  writeFileSync(join(dir, 'school.json'), JSON.stringify({ kiosk: { faceRecognition: false } }));
  serve = await startServe(['--data-dir', dataDir, '--config', join(dir, 'school.json'), '--now', NOW]);
  healthUrl = await serve.healthUrl();
  browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

const isBeat = (req: Request) => req.url().endsWith('/api/invoke/kiosk:heartbeat');

/** Resolves with the next `n` heartbeats the page sends (their bodies). */
function nextBeats(page: Page, n: number): Promise<string[]> {
  return new Promise((resolve) => {
    const seen: string[] = [];
    const onRequest = (req: Request) => {
      if (!isBeat(req)) return;
      seen.push(req.postData() ?? '');
      if (seen.length < n) return;
      page.off('request', onRequest);
      resolve(seen);
    };
    page.on('request', onRequest);
  });
}

const restartLog = () => {
  try {
    return readFileSync(join(dataDir, 'logs', 'watchdog_restarts.log'), 'utf8');
  } catch {
    return '';
  }
};

test('a desk page opened at /#admin sends no kiosk heartbeats while the kiosk page beats, and closing it restarts nothing', { timeout: 120_000 }, async () => {
  const kiosk = await browser.newPage();
  const kioskBeats = nextBeats(kiosk, 1);
  await kiosk.goto(serve.url);
  await kioskBeats;

  const desk = await browser.newPage();
  let deskBeats = 0;
  desk.on('request', (req) => {
    if (isBeat(req)) deskBeats++;
  });
  await desk.goto(`${serve.url}#admin`);
  await desk.getByTestId('admin-screen').waitFor();
  // Three kiosk beats (seconds apart) pass while the desk page is open: it sent none of its own.
  const during = await nextBeats(kiosk, 3);
  assert.ok(during.every((b) => !b.includes('"cameraState":"paused"')), 'the kiosk camera is not paused by a desk page');
  assert.equal(deskBeats, 0);
  await desk.close();

  // Health is sampled in the background, so the kiosk's last beat may be a few seconds old: not failing.
  const h = await (await fetch(`${healthUrl}/health`)).json();
  assert.notEqual(h.checks['renderer:heartbeatAge'][0].status, 'fail');
  assert.notEqual(h.checks['camera:frameAge'][0].output, 'paused while the admin screen is open');
  assert.doesNotMatch(restartLog(), /reload/);
  await kiosk.close();
});

test("the kiosk page's own admin overlay reports its camera paused, also after the page reloads with the overlay open", { timeout: 120_000 }, async () => {
  const kiosk = await browser.newPage();
  const first = nextBeats(kiosk, 1);
  await kiosk.goto(serve.url);
  await first;
  await kiosk.evaluate(() => {
    window.location.hash = 'admin';
  });
  await kiosk.getByTestId('admin-screen').waitFor();
  const paused = (beats: string[]) => beats.some((b) => b.includes('"cameraState":"paused"'));
  assert.ok(paused(await nextBeats(kiosk, 2)));
  const afterReload = nextBeats(kiosk, 2);
  await kiosk.reload();
  await kiosk.getByTestId('admin-screen').waitFor();
  assert.ok(paused(await afterReload), 'the reloaded kiosk page is still the kiosk, paused under its overlay');
  await kiosk.close();
});
