// Time from a face appearing in front of the kiosk to the greeting on screen: the real kiosk page,
// the serve host as its own process, photos enrolled by the import command, a fake camera clip.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from '../../src-main/cli/chromium.js';
import { face } from '../../e2e/support/fixtures.js';
import { fakeCameraArgs, makeCameraClip, type Scene } from '../../e2e/support/camera-clip.js';
import { runScript, startServe } from '../../e2e/support/serve-process.js';
import { percentile } from './verification.js';
import { faceModeConfig, recordFaceConsent } from '../../e2e/support/face-consent.js';

const PEOPLE = [
  { number: '1001', first: 'Ana', id: 'df03' },
  { number: '1002', first: 'Ben', id: 'df04' },
  { number: '1003', first: 'Chloe', id: 'df06' },
  { number: '1004', first: 'Dev', id: 'df07' },
  { number: '1005', first: 'Eve', id: 'df12' },
  { number: '1006', first: 'Finn', id: 'df01' },
];
const WALKERS = PEOPLE.slice(0, 4);
/** A face counts as newly appeared after this many frames without one. */
const GAP_FRAMES = 5;

interface Greeting {
  at: number;
  outcome: string;
  text: string;
}

export async function benchFaceToGreeting(opts: { loops: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-'));
  const photos = join(dir, 'photos');
  const rows = ['student_number,first_name,last_name,class,guardian_name,guardian_phone'];
  PEOPLE.forEach((p, i) => {
    rows.push(`${p.number},${p.first},Test,7A,Parent,07400 20000${i}`);
    mkdirSync(join(photos, p.number), { recursive: true });
    for (const n of ['1', '2']) copyFileSync(face(p.id, `${n}.jpg`), join(photos, p.number, `${n}.jpg`));
  });
  writeFileSync(join(dir, 'roster.csv'), rows.join('\n') + '\n');
  const data = join(dir, 'data');
  const keyFile = join(dir, 'keys', 'template.key');
  const imported = await runScript('src-main/cli/import.ts', ['--data-dir', data, '--roster', join(dir, 'roster.csv')]);
  if (imported.code !== 0) throw new Error(imported.stderr);
  recordFaceConsent(join(data, 'rollcall.db'), PEOPLE.map((p) => p.number));
  const enrolled = await runScript('src-main/cli/import.ts', ['--data-dir', data, '--roster', join(dir, 'roster.csv'), '--photos', photos, '--key-file', keyFile]);
  if (enrolled.code !== 0) throw new Error(enrolled.stderr);
  writeFileSync(join(dir, 'school.json'), JSON.stringify(faceModeConfig));

  const scenes: Scene[] = WALKERS.flatMap((w) => [{ image: face(w.id, '3.jpg'), seconds: 3 }, { image: 'blank', seconds: 1.5 }]);
  const clip = makeCameraClip(join(dir, 'greeting.y4m'), scenes);
  const serve = await startServe(['--data-dir', data, '--config', join(dir, 'school.json'), '--key-file', keyFile, '--now', '2026-12-07T07:05:00Z']);
  const browser = await launchChromium(fakeCameraArgs(clip));
  try {
    const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await page.addInitScript(() => {
      const seen: Greeting[] = [];
      (globalThis as unknown as { rollcallGreetings: Greeting[] }).rollcallGreetings = seen;
      let last = '';
      new MutationObserver(() => {
        const el = document.querySelector('[data-testid="greeting"]');
        const key = el ? `${el.getAttribute('data-outcome')}|${el.textContent}` : '';
        if (key !== last && el) seen.push({ at: performance.now(), outcome: el.getAttribute('data-outcome') ?? '', text: el.textContent ?? '' });
        last = key;
      }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
    });
    await page.goto(`${serve.url}?trace`);
    const totalMs = opts.loops * clip.durationSeconds * 1000;
    await page.waitForFunction(
      (ms) => {
        const f = (globalThis as unknown as { rollcallTrace?: { frames: Array<{ capturedAt: number }> } }).rollcallTrace?.frames ?? [];
        return f.length > 0 && f[f.length - 1]!.capturedAt - f[0]!.capturedAt >= ms;
      },
      totalMs,
      { timeout: totalMs + 120_000, polling: 1000 },
    );
    const frames = await page.evaluate(() => (globalThis as unknown as { rollcallTrace: { frames: Array<{ capturedAt: number; face: boolean }> } }).rollcallTrace.frames);
    const greetings = await page.evaluate(() => (globalThis as unknown as { rollcallGreetings: Greeting[] }).rollcallGreetings);

    const appearances: number[] = [];
    let empty = GAP_FRAMES;
    for (const f of frames) {
      if (f.face && empty >= GAP_FRAMES) appearances.push(f.capturedAt);
      empty = f.face ? 0 : empty + 1;
    }
    const samples: number[] = [];
    let wrong = 0;
    appearances.forEach((start, i) => {
      const end = appearances[i + 1] ?? Infinity;
      const g = greetings.find((x) => x.at >= start && x.at < end && (x.outcome === 'recorded' || x.outcome === 'already_recorded'));
      if (!g) return;
      samples.push(g.at - start);
      if (!WALKERS.some((w) => g.text.includes(w.first))) wrong++;
    });
    return { samples, appearances: appearances.length, wrong, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
  } finally {
    await browser.close();
    await serve.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
