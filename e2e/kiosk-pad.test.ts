// The kiosk's PIN pad in Chromium against the serve host: a student number with letters (S1001) is
// typed on the pad's letters page, while an all-digit number takes exactly the taps it always did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { runScript, startServe, type ServeProcess } from './support/serve-process.js';
import { launchBrowser, screenshot, writeSchoolConfig } from './support/admin.js';

// Monday 7 December 2026, 07:05 in London: the morning's check-in window is open.
const NOW = '2026-12-07T07:05:00Z';
const dir = tempDir('rollcall-kiosk-pad-');
const dataDir = join(dir, 'data');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  writeFileSync(
    join(dir, 'roster.csv'),
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\nS1001,Ana,Silva,7A,Maria Silva,07400 100001,4821\n1002,Ben,Okafor,7A,Ada Okafor,07400 100002,1357\n',
  );
  const imported = await runScript('src-main/cli/import.ts', ['--data-dir', dataDir, '--roster', join(dir, 'roster.csv')]);
  assert.equal(imported.code, 0, imported.stderr);
  serve = await startServe(['--data-dir', dataDir, '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

async function kiosk(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(serve.url);
  await page.getByTestId('pin-button').tap();
  return page;
}

const tap = async (page: Page, keys: string[]) => {
  for (const k of keys) await page.getByTestId(`key-${k}`).tap();
};

test('a student whose number has a letter types it on the letters page and checks in with the PIN', async () => {
  const page = await kiosk();
  await page.getByTestId('key-letters').tap();
  await screenshot(page, 'kiosk-pad-letters');
  await tap(page, ['S', 'letters', '1', '0', '0', '1']);
  assert.equal(await page.getByTestId('pin-student-number').inputValue(), 'S1001');
  await tap(page, ['ok']);
  assert.equal(await page.getByTestId('key-letters').isDisabled(), true, 'a PIN is digits only');
  await tap(page, ['4', '8', '2', '1', 'ok']);
  const greeting = page.getByTestId('greeting');
  await greeting.waitFor();
  assert.equal(await greeting.getAttribute('data-outcome'), 'recorded');
  assert.match(await greeting.innerText(), /Ana/);
  await page.context().close();
});

test('an all-digit number takes the same taps as ever: the pad opens on digits', async () => {
  const page = await kiosk();
  await screenshot(page, 'kiosk-pad-digits');
  assert.equal(await page.getByTestId('key-S').count(), 0, 'the letters page is behind ABC');
  await tap(page, ['1', '0', '0', '2', 'ok', '1', '3', '5', '7', 'ok']);
  await page.getByTestId('greeting').waitFor();
  assert.equal(await page.getByTestId('greeting').getAttribute('data-outcome'), 'recorded');
  await page.context().close();
});

test('after a wrong PIN the notice shows and every key label still fits inside its key on one line', async () => {
  const page = await kiosk();
  await tap(page, ['1', '0', '0', '2', 'ok', '9', '9', '9', '9', 'ok']);
  await page.locator('.pad-notice').waitFor();
  await page.getByTestId('key-ok').filter({ hasText: 'Check in' }).waitFor();
  await screenshot(page, 'kiosk-pad-wrong-pin');
  const spills = await page.locator('.keypad .key').evaluateAll((keys) =>
    keys.filter((k) => {
      const box = k.getBoundingClientRect();
      const range = document.createRange();
      range.selectNodeContents(k);
      const text = range.getBoundingClientRect();
      const lines = range.getClientRects().length;
      return text.left < box.left || text.right > box.right || text.top < box.top || text.bottom > box.bottom || lines > 1;
    }).map((k) => k.textContent ?? k.getAttribute('aria-label')),
  );
  assert.deepEqual(spills, []);
  await page.context().close();
});

test('the idle screen’s two panels say two different things: the card to the camera, or the keypad', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto(serve.url);
  await page.getByTestId('pin-button').waitFor();
  const look = await page.locator('.idle-look .idle-text').innerText();
  const button = await page.getByTestId('pin-button').innerText();
  assert.notEqual(look, button);
  assert.doesNotMatch(button, /card or PIN/i, 'the button does not repeat the panel beside it');
  await screenshot(page, 'kiosk-idle');
  await context.close();
});
