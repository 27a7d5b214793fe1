// The vision pipeline in real Chromium, from the built renderer, under the kiosk's CSP:
// (a) the enrolment page turns photos into embeddings that tell people apart, and refuses photos it
//     cannot use with a reason a person understands;
// (b) the kiosk pipeline in its worker, fed a fake camera clip, sees faces only when there are faces,
//     asks once per visit, never during blank frames, and reports its speed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../src-main/cli/chromium.js';
import { CONTENT_SECURITY_POLICY } from '../src-main/serve/http-host.js';
import type { RollcallDiagnostics } from '../src-renderer/diagnostics.js';
import { fakeCameraArgs, makeCameraClip, type Clip } from './support/camera-clip.js';
import { face, missingFixtures, repoRoot } from './support/fixtures.js';
import { startStaticServer, type StaticServer } from './support/static-server.js';
import { qrGrey } from './vision-unit/qr-encode.js';

type PhotoResult = { ok: true; embedding: number[]; quality: number } | { ok: false; reason: string };


const distDir = join(repoRoot, 'dist-renderer');
const modelsDir = join(repoRoot, 'assets', 'models');

function skipReason(): string | false {
  const missing = missingFixtures();
  if (missing) return missing;
  if (!existsSync(join(modelsDir, 'faceapi', 'face_recognition_model.bin'))) return 'models not prepared: run npm run prepare-models';
  return false;
}
const skip = skipReason();

function newestMtime(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name)));
  return newest;
}

/** Builds the renderer when dist-renderer is missing or older than its sources or assets. */
function ensureRendererBuilt(): void {
  const built = join(distDir, 'diagnostics.html');
  const sources = Math.max(
    newestMtime(join(repoRoot, 'src-renderer')),
    newestMtime(join(repoRoot, 'src-preload')),
    newestMtime(join(repoRoot, 'assets')),
  );
  if (existsSync(built) && statSync(built).mtimeMs >= sources) return;
  execFileSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--config', 'src-renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
}

function cosine(a: number[], b: number[]): number {
  let dot = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return dot / Math.sqrt(na * nb);
}

let server: StaticServer;
let clipDir: string | null = null;
let clip: Clip;

before(async () => {
  if (skip) return;
  ensureRendererBuilt();
  server = await startStaticServer({ root: distDir, headers: { 'content-security-policy': CONTENT_SECURITY_POLICY } });
  clipDir = await mkdtemp(join(tmpdir(), 'rollcall-vision-'));
  clip = makeCameraClip(join(clipDir, 'camera.y4m'), [
    { image: face('df01', '1.jpg'), seconds: 2 },
    { image: 'blank', seconds: 1 },
    { image: face('df02', '1.jpg'), seconds: 2 },
  ]);
});

after(async () => {
  await server?.close();
  if (clipDir) await rm(clipDir, { recursive: true, force: true });
});

/** Collects what the page and its workers complain about, to show when a test fails. */
function watch(page: Page): { errors: string[] } {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // MediaPipe prints its INFO lines as errors; a browser asks for /favicon.ico on its own.
    if (m.type() !== 'error' || /^(INFO|[IW]\d{4})/.test(m.text()) || m.location().url.endsWith('/favicon.ico')) return;
    errors.push(`console: ${m.text()}`);
  });
  return { errors };
}

test('enrolment: two photos of one person are far closer than photos of two people, and unusable photos say why', { skip, timeout: 60_000 }, async (t) => {
  const browser: Browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const { errors } = watch(page);
    await page.goto(`${server.url}/enrol.html`);
    await page.waitForFunction(() => 'rollcallEnrol' in window);
    const { modelId } = await page.evaluate(() => window.rollcallEnrol!.ready);
    assert.equal(modelId, 'faceapi-resnet128-fapi-v1');

    const embed = async (file: string, mimeType = 'image/jpeg'): Promise<PhotoResult> => {
      const b64 = (await readFile(file)).toString('base64');
      return page.evaluate(
        ({ b64, mimeType }) => {
          const bin = atob(b64);
          const bytes = new Uint8Array(bin.length);
          for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
          return window.rollcallEnrol!.embedPhoto(bytes.buffer, mimeType);
        },
        { b64, mimeType },
      );
    };

    const a1 = await embed(face('df01', '1.jpg'));
    const a2 = await embed(face('df01', '2.jpg'));
    const b1 = await embed(face('df02', '1.jpg'));
    for (const r of [a1, a2, b1]) {
      assert.ok(r.ok, `photo refused: ${!r.ok ? r.reason : ''}; ${errors.join('\n')}`);
      assert.equal(r.embedding.length, 128);
      assert.ok(r.embedding.every(Number.isFinite));
      assert.ok(r.quality > 0.5 && r.quality <= 1, `quality ${r.quality}`);
    }
    if (!a1.ok || !a2.ok || !b1.ok) return;
    const same = cosine(a1.embedding, a2.embedding);
    const different = Math.max(cosine(a1.embedding, b1.embedding), cosine(a2.embedding, b1.embedding));
    t.diagnostic(`cosine same person ${same.toFixed(3)}, different people ${different.toFixed(3)}`);
    assert.ok(same >= 0.92, `same person only ${same}`);
    assert.ok(different <= 0.9, `different people ${different}`);
    assert.ok(same - different >= 0.08, `gap ${same - different}`);

    // A picture with no face in it: a soft gradient with a few shapes, made in the page.
    const noFace = await page.evaluate(async () => {
      const c = new OffscreenCanvas(480, 360);
      const ctx = c.getContext('2d')!;
      const g = ctx.createLinearGradient(0, 0, 480, 360);
      g.addColorStop(0, '#6a8caf');
      g.addColorStop(1, '#e8d8b0');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, 480, 360);
      ctx.fillStyle = '#334';
      ctx.fillRect(60, 200, 120, 90);
      ctx.beginPath();
      ctx.arc(340, 120, 50, 0, Math.PI * 2);
      ctx.fill();
      const blob = await c.convertToBlob({ type: 'image/png' });
      return window.rollcallEnrol!.embedPhoto(await blob.arrayBuffer(), 'image/png');
    });
    assert.deepEqual(noFace, { ok: false, reason: 'no face found' });

    // Two people side by side in one photo cannot be one student's template.
    const [p1, p2] = await Promise.all([readFile(face('df01', '1.jpg')), readFile(face('df02', '1.jpg'))]);
    const twoFaces = await page.evaluate(
      async ({ p1, p2 }) => {
        // No named helpers in here: tsx would wrap them in a __name() call the page does not have.
        const [left, right] = await Promise.all(
          [p1, p2].map((b64) => createImageBitmap(new Blob([Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0))]))),
        );
        const h = 480;
        const lw = Math.round((left.width * h) / left.height);
        const rw = Math.round((right.width * h) / right.height);
        const c = new OffscreenCanvas(lw + rw, h);
        const ctx = c.getContext('2d')!;
        ctx.drawImage(left, 0, 0, lw, h);
        ctx.drawImage(right, lw, 0, rw, h);
        const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
        return window.rollcallEnrol!.embedPhoto(await blob.arrayBuffer(), 'image/jpeg');
      },
      { p1: p1.toString('base64'), p2: p2.toString('base64') },
    );
    assert.equal(twoFaces.ok, false);
    assert.match(!twoFaces.ok ? twoFaces.reason : '', /^2 faces found/);

    const garbage = await page.evaluate(() => window.rollcallEnrol!.embedPhoto(new TextEncoder().encode('not a photo').buffer, 'image/jpeg'));
    assert.equal(garbage.ok, false);
    assert.match(!garbage.ok ? garbage.reason : '', /not a readable image/);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('kiosk camera: faces are seen only in face scenes, each student is asked once per visit, never on blank frames', { skip, timeout: 90_000 }, async (t) => {
  let browser: Browser | null = null;
  try {
    browser = await launchChromium(fakeCameraArgs(clip));
    const page = await browser.newPage();
    const { errors } = watch(page);
    await page.goto(`${server.url}/diagnostics.html?detector=full&k=3`);
    // The clip loops: df01 (2 s), blank (1 s), df02 (2 s), df01, blank, df02, … Judged by the shape of
    // the face / no-face timeline rather than by clock: Chromium's fake camera paces the file on a
    // timer that slips under load, so camera time drifts from the file's own time by tenths of seconds.
    // Wait until a whole face run (df02 then df01) has been seen between two blanks.
    await page.waitForFunction(
      () => {
        const d = window.rollcallDiagnostics;
        if (d?.error) return true;
        // Face runs that start after a no-face run: the second one closes the second blank.
        let seenFace = false;
        let returns = 0;
        d?.reports.forEach((r, i) => {
          if (r.face !== null && i > 0 && seenFace && d.reports[i - 1]!.face === null) returns++;
          if (r.face !== null) seenFace = true;
        });
        return returns >= 2;
      },
      null,
      { timeout: 60_000, polling: 200 },
    );
    const d = (await page.evaluate(() => window.rollcallDiagnostics)) as RollcallDiagnostics;
    assert.equal(d.error, null);

    type Run = { face: boolean; start: number; end: number; frames: number };
    const runs: Run[] = [];
    for (const r of d.reports) {
      const last = runs[runs.length - 1];
      if (last && last.face === (r.face !== null)) {
        last.end = r.mediaSeconds;
        last.frames++;
      } else {
        if (last) last.end = r.mediaSeconds;
        runs.push({ face: r.face !== null, start: r.mediaSeconds, end: r.mediaSeconds, frames: 1 });
      }
    }
    const shape = runs.map((r) => `${r.face ? 'face' : 'none'} ${(r.end - r.start).toFixed(2)} s`).join(', ');
    t.diagnostic(`timeline: ${shape}`);
    const firstFace = runs.findIndex((r) => r.face);
    const interior = runs.slice(firstFace + 1, -1);
    // Between the first face run and the last run: blank, faces, blank — nothing else. A face missed in
    // a face scene would add a short "none" run; a face reported on black would split a blank in two
    // with a short "face" run between. Upper bounds are loose: under load the camera time stretches.
    assert.ok(interior.length >= 3, `too short a timeline: ${shape}`);
    for (const r of interior.filter((x) => !x.face)) {
      assert.ok(r.end - r.start >= 0.6 && r.end - r.start <= 2, `a no-face run of ${(r.end - r.start).toFixed(2)} s, where the blank is 1 s: ${shape}`);
    }
    const faceRuns = interior.filter((x) => x.face);
    for (const r of faceRuns) {
      assert.ok(r.end - r.start >= 3.2 && r.end - r.start <= 6, `a face run of ${(r.end - r.start).toFixed(2)} s, where df02 + df01 last 4 s: ${shape}`);
    }

    // Asks: only ever on a frame with a face, and in each face run exactly one per student (df02,
    // then df01 stepping in where df02 stood, without a gap).
    assert.ok(d.asks >= 2, `only ${d.asks} asks`);
    for (const at of d.askTimes) {
      const r = d.reports.find((x) => x.mediaSeconds === at);
      assert.ok(r?.face, `an ask at camera time ${at.toFixed(2)} s, on a frame without a face`);
    }
    for (const r of faceRuns) {
      const asks = d.askTimes.filter((at) => at >= r.start && at < r.end).length;
      assert.equal(asks, 2, `${asks} asks in the face run at ${r.start.toFixed(2)} s (df02 then df01): ${shape}`);
    }

    const beat = d.heartbeats[d.heartbeats.length - 1]!;
    assert.equal(beat.cameraState, 'running');
    assert.equal(beat.visionState, 'ready');
    assert.ok(beat.fps >= 10, `only ${beat.fps} fps`);
    const median = (v: number[]) => [...v].sort((x, y) => x - y)[v.length >> 1]!;
    const detect = median(d.reports.map((r) => r.detectMs));
    const embeds = d.reports.map((r) => r.embedMs).filter((v): v is number => v !== null);
    const fps = median(d.reports.slice(-60).map((r) => r.fps));
    t.diagnostic(`fps ${fps.toFixed(1)}, detect p50 ${detect.toFixed(1)} ms, embed p50 ${median(embeds).toFixed(1)} ms (${embeds.length} embeddings), asks ${d.asks}`);
    assert.ok(beat.detectMsP50 !== undefined && beat.embedMsP50 !== undefined);

    // stop() releases the camera and the worker.
    const stopped = await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      const tracks = (video.srcObject as MediaStream).getTracks();
      await window.rollcallStopVision!();
      const reports = window.rollcallDiagnostics!.reports.length;
      // Half a second in which a running pipeline would report a dozen frames.
      await new Promise((r) => setTimeout(r, 500));
      return {
        tracksEnded: tracks.every((t) => t.readyState === 'ended'),
        previewCleared: video.srcObject === null,
        newReports: window.rollcallDiagnostics!.reports.length - reports,
      };
    });
    assert.deepEqual(stopped, { tracksEnded: true, previewCleared: true, newReports: 0 });
  } finally {
    await browser?.close();
  }
});

test('without MediaStreamTrackProcessor (older Chromium) the page hands the worker one bitmap per frame, and faces are still asked', { skip, timeout: 60_000 }, async () => {
  const browser = await launchChromium(fakeCameraArgs(clip));
  try {
    const page = await browser.newPage();
    const { errors } = watch(page);
    await page.addInitScript(() => {
      delete (window as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor;
    });
    await page.goto(`${server.url}/diagnostics.html?detector=full&k=3`);
    await page.waitForFunction(() => window.rollcallDiagnostics?.error || (window.rollcallDiagnostics?.asks ?? 0) >= 2, null, {
      timeout: 45_000,
      polling: 200,
    });
    const d = (await page.evaluate(() => window.rollcallDiagnostics)) as RollcallDiagnostics;
    assert.equal(d.error, null);
    assert.ok(d.reports.some((r) => r.face === null), 'the blank scene was seen as no face');
    assert.ok(d.reports.filter((r) => r.face?.qualityOk).length >= 6);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});

test('a QR card held up to the camera is reported, once per 3 s however long it is shown', { skip, timeout: 60_000 }, async () => {
  const { width, height, grey } = qrGrey('S-000123', 8);
  const card = join(clipDir!, 'card.pgm');
  await writeFile(card, Buffer.concat([Buffer.from(`P5\n${width} ${height}\n255\n`), grey]));
  // Half size, so the whole card lies inside the scanned middle of the frame.
  const cardClip = makeCameraClip(join(clipDir!, 'card.y4m'), [{ image: card, seconds: 4 }, { image: 'blank', seconds: 1 }], { SCALE: '0.5' });
  const browser = await launchChromium(fakeCameraArgs(cardClip));
  try {
    const page = await browser.newPage();
    const { errors } = watch(page);
    await page.goto(`${server.url}/diagnostics.html`);
    await page.waitForFunction(
      () => {
        const d = window.rollcallDiagnostics;
        const r = d?.reports;
        return d?.error || (r && r.length > 0 && r[r.length - 1]!.mediaSeconds - r[0]!.mediaSeconds >= 8);
      },
      null,
      { timeout: 45_000, polling: 200 },
    );
    const d = (await page.evaluate(() => window.rollcallDiagnostics)) as RollcallDiagnostics;
    assert.equal(d.error, null);
    const r = d.reports;
    const seconds = r[r.length - 1]!.mediaSeconds - r[0]!.mediaSeconds;
    assert.ok(d.cards.length >= 2, `cards: ${JSON.stringify(d.cards)}`);
    assert.ok(d.cards.every((c) => c === 'S-000123'), JSON.stringify(d.cards));
    assert.ok(d.cards.length <= Math.floor(seconds / 3) + 1, `${d.cards.length} reports in ${seconds.toFixed(1)} s`);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
  }
});
