// The admin screen's tab bar at the kiosk's 1280×800, a desk's 1920×1080 and a portrait kiosk's
// 1080×1920: one row, every tab reachable, the chosen one in view. And the favicon, in serve mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { IT_PIN, launchBrowser, screenshot, setUpPins, signIn, writeSchoolConfig } from './support/admin.js';

const NOW = '2026-12-07T07:55:00Z';
const dir = tempDir('rollcall-admin-tabs-');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  serve = await startServe(['--data-dir', join(dir, 'data'), '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
  const page = await browser.newPage();
  await page.goto(serve.url + '#admin');
  await setUpPins(page);
  await page.close();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

async function itScreen(width: number, height: number): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height } });
  await page.goto(serve.url + '#admin');
  await signIn(page, IT_PIN);
  await page.getByTestId('admin-role').waitFor();
  return page;
}

/** Distinct rows the tab buttons sit on, and whether the bar fits the window's width. */
const tabRows = (page: Page) =>
  page.evaluate(() => {
    const tabs = [...document.querySelectorAll<HTMLElement>('.admin-tabs button')];
    const bar = document.querySelector<HTMLElement>('.admin-bar')!;
    return { rows: new Set(tabs.map((t) => t.getBoundingClientRect().top)).size, count: tabs.length, barHeight: bar.getBoundingClientRect().height, pageScrollsSideways: document.documentElement.scrollWidth > window.innerWidth };
  });

for (const [width, height] of [[1280, 800], [1920, 1080], [1080, 1920]] as const) {
  test(`at ${width}×${height} IT's ten tabs sit on one row and every one of them opens its section`, async () => {
    const page = await itScreen(width, height);
    const bar = await tabRows(page);
    assert.equal(bar.count, 10);
    assert.equal(bar.rows, 1, 'one row of tabs');
    assert.ok(bar.barHeight < 80, `the bar stays one line high (${bar.barHeight} px)`);
    assert.equal(bar.pageScrollsSideways, false);
    await screenshot(page, `admin-tabs-${width}x${height}`);
    for (const title of await page.locator('.admin-tabs button').allInnerTexts()) {
      const tab = page.locator('.admin-tabs button', { hasText: title });
      await tab.click();
      await page.locator('.admin-body h1', { hasText: title }).waitFor();
      assert.equal(await tab.evaluate((b) => {
        const r = b.getBoundingClientRect();
        const nav = b.parentElement!.getBoundingClientRect();
        return r.left >= nav.left - 1 && r.right <= nav.right + 1;
      }), true, `${title}: the chosen tab is in view`);
    }
    await screenshot(page, `admin-tabs-${width}x${height}-last`);
    await page.close();
  });
}

test('the kiosk page shows the app icon as its favicon, and a browser asking for /favicon.ico gets it too', async () => {
  const page = await browser.newPage();
  const missing: string[] = [];
  page.on('response', (r) => {
    if (r.status() === 404) missing.push(r.url());
  });
  await page.goto(serve.url);
  const href = await page.locator('link[rel="icon"]').evaluate((l: HTMLLinkElement) => l.href);
  for (const url of [href, new URL('/favicon.ico', serve.url).toString()]) {
    const r = await page.request.get(url);
    assert.equal(r.status(), 200, url);
    assert.equal(r.headers()['content-type'], 'image/svg+xml');
    assert.match(await r.text(), /^<svg /);
  }
  assert.deepEqual(missing, []);
  await page.close();
});

test('with face check-in off school-wide, Face enrolment says so before anyone records consent or enrols', async () => {
  const page = await itScreen(1280, 800);
  await page.locator('.admin-tabs button', { hasText: 'Face enrolment' }).click();
  assert.equal(
    await page.getByTestId('enrol-face-off').innerText(),
    'Face check-in is off for this school (IT: kiosk.faceRecognition); enrolled faces will be used once it is on.',
  );
  await screenshot(page, 'enrolment-face-off');
  await page.close();
});

test('after check-in closes, Today says later arrivals are still recorded, as late', async () => {
  const page = await itScreen(1280, 800);
  await page.locator('.admin-tabs button', { hasText: 'Today' }).click();
  await page.getByTestId('board-status').filter({ hasText: 'Check-in closed' }).waitFor();
  assert.match(await page.getByTestId('board-status').innerText(), /^Check-in closed at \d\d:\d\d; students not here are absent, later arrivals are recorded as late\./);
  await page.close();
});

test('a past day with nobody on the roll says so, not that the roster is empty', async () => {
  const page = await itScreen(1280, 800);
  await page.locator('.admin-tabs button', { hasText: 'Attendance' }).click();
  const opened = await page.getByTestId('board-date').innerText();
  await page.locator('.step', { hasText: '◀ Day' }).click();
  await page.getByTestId('board-date').filter({ hasNotText: opened }).waitFor();
  await page.getByTestId('board-status').filter({ hasText: /past day|Not a school day/ }).waitFor();
  assert.equal(await page.locator('.board-empty').innerText(), 'Nobody was on the roll that day.');
  await page.close();
});
