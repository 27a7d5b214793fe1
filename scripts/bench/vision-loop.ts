// The vision loop as IT's diagnostics page runs it: fake camera → worker → detect → quality → embed.
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launchChromium } from '../../src-main/cli/chromium.js';
import { createHttpHost } from '../../src-main/serve/http-host.js';
import { rendererDir } from '../../src-main/cli/paths.js';
import { silentLogger } from '../../src-main/core/log.js';
import type { Handlers } from '../../src-main/core/app.js';
import { face } from '../../e2e/support/fixtures.js';
import { fakeCameraArgs, makeCameraClip } from '../../e2e/support/camera-clip.js';
import { percentile } from './verification.js';

/** The fields of the renderer's FrameReport that the benchmark reads. */
interface FrameReport {
  receivedAt: number;
  detectMs: number;
  embedMs: number | null;
  face: unknown;
}

const noHandlers = new Proxy({} as Handlers, { get: () => () => ({ ok: true }) });

export async function benchVisionLoop(opts: { detector: 'short' | 'full'; seconds: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const clip = makeCameraClip(join(dir, 'loop.y4m'), [
    { image: face('df01', '1.jpg'), seconds: 2 },
    { image: face('df11', '1.jpg'), seconds: 2 },
    { image: face('hm01', '3.jpg'), seconds: 2 },
    { image: face('df10', '1.jpg'), seconds: 2 },
  ]);
  const host = createHttpHost({ rendererDir, handlers: noHandlers, log: silentLogger, port: 0 });
  await host.start();
  const browser = await launchChromium(fakeCameraArgs(clip));
  try {
    const page = await browser.newPage();
    await page.goto(new URL(`diagnostics.html?detector=${opts.detector}&k=3`, host.url).toString());
    await page.waitForFunction(() => ((globalThis as { rollcallDiagnostics?: { reports: unknown[] } }).rollcallDiagnostics?.reports.length ?? 0) > 30, null, { timeout: 60_000 });
    const startCount = await page.evaluate(() => (globalThis as unknown as { rollcallDiagnostics: { reports: unknown[] } }).rollcallDiagnostics.reports.length);
    await page.waitForFunction(
      ([n, s]) => {
        const r = (globalThis as unknown as { rollcallDiagnostics: { reports: Array<{ receivedAt: number }> } }).rollcallDiagnostics.reports;
        return r.length > n && r[r.length - 1]!.receivedAt - r[n]!.receivedAt >= s * 1000;
      },
      [startCount, opts.seconds] as const,
      { timeout: (opts.seconds + 60) * 1000, polling: 500 },
    );
    const reports = (await page.evaluate(() => (globalThis as unknown as { rollcallDiagnostics: { reports: unknown[] } }).rollcallDiagnostics.reports)) as FrameReport[];
    const window = reports.slice(startCount);
    const span = (window[window.length - 1]!.receivedAt - window[0]!.receivedAt) / 1000;
    const embeds = window.map((r) => r.embedMs).filter((x): x is number => x !== null);
    return {
      frames: window.length,
      fps: (window.length - 1) / span,
      detect: { p50: percentile(window.map((r) => r.detectMs), 0.5), p95: percentile(window.map((r) => r.detectMs), 0.95) },
      embed: { p50: percentile(embeds, 0.5), p95: percentile(embeds, 0.95) },
      faceFrameShare: window.filter((r) => r.face !== null).length / window.length,
    };
  } finally {
    await browser.close();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
