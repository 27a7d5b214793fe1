// The proof that model preparation works: the files scripts/prepare-models.ts writes load in MediaPipe
// Tasks in real Chromium, from a local origin, under the kiosk's CSP, and find a face in a photo.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright';
import { findInstalledPackage } from '../scripts/models/installed-package.js';
import { launchChromium } from '../src-main/cli/chromium.js';
import { face, repoRoot } from './support/fixtures.js';
import { startStaticServer, type StaticServer } from './support/static-server.js';
import { CONTENT_SECURITY_POLICY } from '../src-main/serve/http-host.js';

const photo = face('df01', '1.jpg');
const noPhoto = existsSync(photo) ? false : `fixtures not found at ${photo}: face photos are not in the repository`;


// The page runs a detector the way the kiosk will: a module script from its own origin (the CSP allows
// no inline script), WASM from ./wasm/mediapipe, models by URL.
const pageHtml = `<!doctype html>
<meta charset="utf-8">
<title>detector check</title>
<script type="module" src="./detect.mjs"></script>
`;
const pageScript = `
import { FaceDetector, FilesetResolver } from './vision_bundle.mjs';

const fileset = FilesetResolver.forVisionTasks(new URL('./wasm/mediapipe', location.href).href);

async function createDetector(modelPath) {
  return FaceDetector.createFromOptions(await fileset, {
    baseOptions: { modelAssetPath: modelPath, delegate: 'CPU' },
    runningMode: 'IMAGE',
  });
}

window.detectFaces = async (modelPath, imagePath) => {
  const detector = await createDetector(modelPath);
  try {
    const image = new Image();
    image.src = imagePath;
    await image.decode();
    return detector.detect(image).detections.map((d) => ({ score: d.categories[0]?.score ?? 0 }));
  } finally {
    detector.close();
  }
};

// Closing a detector is when MediaPipe 1.1.0 posts its usage metrics, so this exercises that too.
window.loadDetector = async (modelPath) => {
  try {
    (await createDetector(modelPath)).close();
    return 'loaded';
  } catch (err) {
    return String(err?.message ?? err);
  }
};
`;

interface DetectPage {
  detectFaces(modelPath: string, imagePath: string): Promise<{ score: number }[]>;
  /** 'loaded', or why MediaPipe refused the model. */
  loadDetector(modelPath: string): Promise<string>;
}

let workDir: string;
let server: StaticServer;
let browser: Browser;

before(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'rollcall-models-'));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', join(repoRoot, 'scripts/prepare-models.ts'), '--out', workDir], {
    cwd: repoRoot,
  });
  await writeFile(join(workDir, 'detect.html'), pageHtml);
  await writeFile(join(workDir, 'detect.mjs'), pageScript);
  const here = import.meta.url;
  const tasksVision = findInstalledPackage('@mediapipe/tasks-vision', here).dir;
  const legacyModels = findInstalledPackage('@mediapipe/face_detection', here).dir;
  server = await startStaticServer({
    root: workDir,
    headers: { 'content-security-policy': CONTENT_SECURITY_POLICY },
    routes: {
      '/vision_bundle.mjs': join(tasksVision, 'vision_bundle.mjs'),
      '/unpatched/face_detection_short_range.tflite': join(legacyModels, 'face_detection_short_range.tflite'),
      ...(noPhoto ? {} : { '/face.jpg': photo }),
    },
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Opens the detector page and records every URL it requests. */
async function openDetectPage(): Promise<{ page: Page; requested: string[] }> {
  const page = await browser.newPage();
  const requested: string[] = [];
  page.on('request', (req) => requested.push(req.url()));
  await page.goto(`${server.url}/detect.html`);
  await page.waitForFunction('typeof window.detectFaces === "function"');
  return { page, requested };
}

function detectFaces(page: Page, modelPath: string) {
  return page.evaluate(([m, i]) => (globalThis as unknown as DetectPage).detectFaces(m, i), [modelPath, './face.jpg'] as const);
}

function loadDetector(page: Page, modelPath: string) {
  return page.evaluate((m) => (globalThis as unknown as DetectPage).loadDetector(m), modelPath);
}

for (const model of ['face_detection_short_range.tflite', 'face_detection_full_range.tflite']) {
  test(`the prepared ${model} finds exactly one face, confidently, in a photo of one person`, { skip: noPhoto }, async () => {
    const { page } = await openDetectPage();
    const faces = await detectFaces(page, `./models/${model}`);
    await page.close();
    assert.equal(faces.length, 1, `expected one face, got ${JSON.stringify(faces)}`);
    const [found] = faces;
    assert.ok(found && found.score > 0.8, `face score ${found?.score} is not above 0.8`);
  });
}

test('the detector model as published is refused by MediaPipe, so the added metadata is what makes it load', async () => {
  const { page } = await openDetectPage();
  const outcome = await loadDetector(page, './unpatched/face_detection_short_range.tflite');
  await page.close();
  assert.match(outcome, /NormalizationOptions/);
});

test('running a detector makes no request to any host but the kiosk’s own', async () => {
  const { page, requested } = await openDetectPage();
  assert.equal(await loadDetector(page, './models/face_detection_short_range.tflite'), 'loaded');
  if (!noPhoto) await detectFaces(page, './models/face_detection_full_range.tflite');
  await page.close();
  const foreign = requested.filter((url) => new URL(url).hostname !== '127.0.0.1');
  assert.deepEqual(foreign, []);
  assert.ok(requested.some((url) => url.endsWith('.wasm')), 'the page never loaded the MediaPipe runtime');
});
