// The idle kiosk outside every session says when check-in opens next, in the kiosk's language: the
// words for each case (pure), then the kiosk page itself against the serve host on a Friday evening
// and before a winter break.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { en, es } from '../src-renderer/app/strings.js';
import { describeNextCheckIn } from '../src-renderer/screens/kiosk/next-check-in.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { launchBrowser, screenshot, writeSchoolConfig } from './support/admin.js';

const status = (localDate: string, next: { date: string; time: string } | null, language: 'en' | 'es' = 'en', locale = 'en-GB') => ({
  localDate,
  locale,
  language,
  nextCheckIn: next && { ...next, session: 'morning' },
});

test('later today, tomorrow across midnight, a weekday within the week, and a date after a break', () => {
  assert.equal(describeNextCheckIn(status('2026-12-07', { date: '2026-12-07', time: '12:30' }), en), 'Check-in opens at 12:30');
  assert.equal(describeNextCheckIn(status('2026-12-07', { date: '2026-12-08', time: '07:30' }), en), 'Check-in opens tomorrow at 07:30');
  assert.equal(describeNextCheckIn(status('2026-12-11', { date: '2026-12-14', time: '07:30' }), en), 'Check-in opens Monday at 07:30');
  assert.equal(describeNextCheckIn(status('2026-12-18', { date: '2027-01-04', time: '07:30' }), en), 'Check-in opens Monday 4 January at 07:30');
  assert.equal(describeNextCheckIn(status('2026-12-07', null), en), 'Between sessions');
});

test('in Spanish, with weekday and month names in Spanish even where the school’s date format is British', () => {
  assert.equal(describeNextCheckIn(status('2026-12-07', { date: '2026-12-07', time: '12:30' }, 'es'), es), 'El registro abre a las 12:30');
  assert.equal(describeNextCheckIn(status('2026-12-07', { date: '2026-12-08', time: '07:30' }, 'es'), es), 'El registro abre mañana a las 07:30');
  assert.equal(describeNextCheckIn(status('2026-12-11', { date: '2026-12-14', time: '07:30' }, 'es'), es), 'El registro abre el lunes a las 07:30');
  assert.equal(describeNextCheckIn(status('2026-12-18', { date: '2027-01-04', time: '07:30' }, 'es', 'es-ES'), es), 'El registro abre el lunes, 4 de enero, a las 07:30');
});

const running: Array<{ serve: ServeProcess; browser: Browser }> = [];
after(async () => {
  for (const r of running) {
    await r.browser.close();
    await r.serve.stop();
  }
});

async function idleKiosk(name: string, now: string, extra: Record<string, unknown>) {
  const dir = tempDir(`rollcall-next-${name}-`);
  const serve = await startServe(['--data-dir', join(dir, 'data'), '--config', writeSchoolConfig(dir, extra), '--now', now]);
  const browser = await launchBrowser();
  running.push({ serve, browser });
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(serve.url);
  await page.getByTestId('idle-next-check-in').waitFor();
  return page;
}

test('on Friday evening the Spanish kiosk says check-in opens on Monday, in the bar and on the idle screen', async () => {
  // Friday 11 December 2026, 18:10 in London: the afternoon's check-out closed at 17:30.
  const page = await idleKiosk('es', '2026-12-11T18:10:00Z', { school: { name: 'Colegio Sur', timezone: 'Europe/London', country: 'GB', locale: 'en-GB', language: 'es' } });
  assert.equal(await page.getByTestId('idle-next-check-in').innerText(), 'El registro abre el lunes a las 06:30');
  assert.equal(await page.getByTestId('status-session').innerText(), 'El registro abre el lunes a las 06:30');
  assert.equal(await page.locator('.status-date').innerText(), 'viernes, 11 de diciembre', 'today’s date in Spanish too');
  await screenshot(page, 'kiosk-idle-next-check-in-es');
});

test('before a winter break the kiosk names the day school starts again', async () => {
  // Friday 18 December 2026, 18:10 in London; the break runs to 1 January.
  const page = await idleKiosk('en', '2026-12-18T18:10:00Z', { schedule: { holidays: [{ from: '2026-12-21', to: '2027-01-01', name: 'Winter break' }] } });
  assert.equal(await page.getByTestId('idle-next-check-in').innerText(), 'Check-in opens Monday 4 January at 06:30');
  await screenshot(page, 'kiosk-idle-next-check-in-break');
});
