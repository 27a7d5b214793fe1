// The kiosk window in real Electron. Electron's runtime is fetched on first start, which a closed
// network cannot do, so this runs only where the binary is already present and says so otherwise.
// The policies themselves are unit-tested under Node (src-main/core/shell-policy); this proves the
// adapters apply them in a real window.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { _electron as electron, type ElectronApplication, type Page } from 'playwright';
import { repoRoot } from './support/fixtures.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';

function electronBinary(): string | null {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const bin = join(process.env.ELECTRON_OVERRIDE_DIST_PATH, process.platform === 'win32' ? 'electron.exe' : 'electron');
    if (existsSync(bin)) return bin;
  }
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const skip = binary ? false : "Electron's runtime binary is not installed on this machine (it cannot be downloaded here); the Electron kiosk window tests are skipped";
if (skip) console.log(`# skipped: ${skip}`);

let app: ElectronApplication;
let page: Page;
let outside: Server;
let outsideHits = 0;
let outsideUrl = '';

before(async () => {
  if (skip) return;
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-main.ts'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  outside = createServer((_req, res) => { outsideHits++; res.end('reached'); });
  await new Promise<void>((r) => outside.listen(0, '127.0.0.1', r));
  outsideUrl = `http://127.0.0.1:${(outside.address() as { port: number }).port}/`;
  const env = { ...process.env, ROLLCALL_DATA_DIR: tempDir() } as Record<string, string>;
  delete env.ELECTRON_RUN_AS_NODE;
  app = await electron.launch({ executablePath: binary!, args: [repoRoot], env });
  page = await app.firstWindow();
  await page.waitForSelector('[data-testid="status-bar"]');
});

after(async () => {
  if (skip) return;
  await app.close();
  await new Promise<void>((r) => outside.close(() => r()));
});

test('the Electron kiosk opens full screen with the contract bridge and no Node in the page', { skip, timeout: 120_000 }, async () => {
  assert.equal(await page.evaluate(() => typeof (window as unknown as { kiosk?: unknown }).kiosk), 'object');
  assert.equal(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require), 'undefined');
  assert.equal(await page.evaluate(() => typeof (globalThis as unknown as { process?: unknown }).process), 'undefined');
  assert.ok(page.url().startsWith('app://kiosk/'));
  const shape = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0]!;
    return { kiosk: w.isKiosk(), fullScreen: w.isFullScreen(), menuBar: w.isMenuBarVisible(), throttling: w.webContents.getBackgroundThrottling(), windows: BrowserWindow.getAllWindows().length };
  });
  assert.deepEqual(shape, { kiosk: true, fullScreen: true, menuBar: false, throttling: false, windows: 1 });
});

test('the page cannot open a window or navigate away', { skip, timeout: 60_000 }, async () => {
  assert.equal(await page.evaluate(() => window.open('https://example.org/') === null), true);
  const refused = app.evaluate(({ BrowserWindow }) => new Promise<boolean>((resolve) => {
    BrowserWindow.getAllWindows()[0]!.webContents.once('will-navigate', (event) => setImmediate(() => resolve(event.defaultPrevented)));
  }));
  await page.evaluate((url) => { window.location.href = url; }, outsideUrl);
  assert.equal(await refused, true);
  assert.ok(page.url().startsWith('app://kiosk/'));
  assert.equal(outsideHits, 0);
});

test('the page reaches nothing but its own origin', { skip, timeout: 60_000 }, async () => {
  const outcome = await page.evaluate((url) => fetch(url).then(() => 'loaded', () => 'blocked'), outsideUrl);
  assert.equal(outcome, 'blocked');
  assert.equal(outsideHits, 0, 'the request never left the kiosk');
  assert.equal(await page.evaluate(() => fetch('/index.html').then((r) => r.status)), 200);
});

test('only the camera is granted to the kiosk page', { skip, timeout: 60_000 }, async () => {
  const states = await page.evaluate(async () => {
    const q = (name: string) => navigator.permissions.query({ name: name as PermissionName }).then((p) => p.state, () => 'unsupported');
    return { geolocation: await q('geolocation'), notifications: await q('notifications'), microphone: await q('microphone') };
  });
  assert.deepEqual(states, { geolocation: 'denied', notifications: 'denied', microphone: 'denied' });
});

test('the out-of-order page is served from the app scheme without script', { skip, timeout: 60_000 }, async () => {
  await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.loadURL('app://kiosk/out-of-order.html'));
  assert.match(await page.textContent('h1') ?? '', /out of order/);
  assert.equal(await page.locator('script').count(), 0);
});
