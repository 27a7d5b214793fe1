// Watchdog drills in the serve host with a real Chromium: the kiosk page freezes (its JavaScript
// paused, as a hung page is), and the page's renderer crashes. Health must go stale and then fail,
// the policy must ask for a reload and log why; a page that comes back makes health pass again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../src-main/cli/chromium.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';

const dir = tempDir('rollcall-watchdog-');
const dataDir = join(dir, 'data');
// Monday 7 December 2026, 07:05 in London.
const NOW = '2026-12-07T07:05:00Z';
let serve: ServeProcess;
let healthUrl: string;
let browser: Browser;

before(async () => {
  // Face recognition off: the drill is about the page and its heartbeat, not the models.
  writeFileSync(join(dir, 'school.json'), JSON.stringify({ kiosk: { faceRecognition: false, pinAttempts: 5, pinLockMinutes: 5 } }));
  serve = await startServe(['--data-dir', dataDir, '--config', join(dir, 'school.json'), '--now', NOW]);
  healthUrl = await serve.healthUrl();
  // Chromium's built-in fake camera (a moving test pattern): frames flow, so the camera is healthy.
  browser = await launchChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']);
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

type Check = { status: string; observedValue?: unknown; output?: string };
async function health(): Promise<{ code: number; doc: { status: string; checks: Record<string, Check[]> } }> {
  const res = await fetch(`${healthUrl}/health`);
  return { code: res.status, doc: await res.json() };
}
const check = (doc: { checks: Record<string, Check[]> }, key: string) => doc.checks[key]![0]!;

/** Health is sampled in the background; ask again until it shows what the drill expects (or time out). */
async function until<T>(what: string, probe: () => Promise<T | null>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== null) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

const restartLog = () => {
  try {
    return readFileSync(join(dataDir, 'logs', 'watchdog_restarts.log'), 'utf8');
  } catch {
    return '';
  }
};

async function openKiosk(): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(serve.url);
  await until('the page to beat and health to see it', async () => {
    const { doc } = await health();
    return check(doc, 'renderer:heartbeatAge').status === 'pass' ? true : null;
  });
  return page;
}

test('a frozen kiosk page goes stale in health, fails it, and the watchdog asks for a reload', { timeout: 120_000 }, async () => {
  const page = await openKiosk();
  const before = restartLog();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Debugger.enable');
  await cdp.send('Debugger.pause');

  const failing = await until('renderer:heartbeatAge to fail', async () => {
    const h = await health();
    return check(h.doc, 'renderer:heartbeatAge').status === 'fail' ? h : null;
  });
  assert.equal(failing.code, 503);
  assert.equal(failing.doc.status, 'fail');
  assert.ok((check(failing.doc, 'renderer:heartbeatAge').observedValue as number) > 10);
  const logged = await until('the watchdog to log a reload', async () => (restartLog().length > before.length ? restartLog().slice(before.length) : null));
  assert.match(logged, /Watchdog reload \(reason: heartbeat-timeout\)/);
  const metrics = await (await fetch(`${healthUrl}/metrics`)).text();
  assert.match(metrics, /rollcall_watchdog_actions_total\{action="reload",reason="heartbeat-timeout"\} [1-9]/);

  // Thawed, the page beats again; its next heartbeat carries the reload, and the fresh page is healthy.
  const reloaded = page.waitForEvent('load');
  await cdp.send('Debugger.resume');
  await reloaded;
  await until('health to pass again', async () => {
    const h = await health();
    return check(h.doc, 'renderer:heartbeatAge').status === 'pass' && h.code === 200 ? true : null;
  });
  await page.close();
});

test('a crashed kiosk page fails health and the watchdog asks for a reload; a new page restores health', { timeout: 120_000 }, async () => {
  const page = await openKiosk();
  const before = restartLog();
  const crashed = page.waitForEvent('crash');
  page.goto('chrome://crash').catch(() => undefined);
  await crashed;
  const failing = await until('renderer:heartbeatAge to fail', async () => {
    const h = await health();
    return check(h.doc, 'renderer:heartbeatAge').status === 'fail' ? h : null;
  });
  assert.equal(failing.code, 503);
  await until('the watchdog to log a reload', async () => (restartLog().length > before.length ? true : null));
  assert.match(restartLog().slice(before.length), /Watchdog reload \(reason: heartbeat-timeout\)/);
  // The kiosk browser opens the page again (as a supervising script would): health passes.
  const again = await openKiosk();
  await again.close();
});
