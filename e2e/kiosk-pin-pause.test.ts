// A student trying one PIN on one student number after another: after the kiosk-wide number of wrong
// PINs a minute the pad pauses and says so in seconds, without locking anyone's number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { repoRoot } from './support/fixtures.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { launchBrowser, openPage, writeSchoolConfig } from './support/admin.js';

const dir = tempDir('rollcall-pin-pause-');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  const config = writeSchoolConfig(dir, { kiosk: { faceRecognition: false, pinAttempts: 5, pinLockMinutes: 5, pinWrongPerMinute: 3 } });
  serve = await startServe(['--data-dir', join(dir, 'data'), '--config', config, '--now', '2026-12-07T07:05:00Z']);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

async function tryPin(page: Page, number: string, pin: string): Promise<string | null> {
  if (number) {
    await page.getByTestId('pin-button').click();
    for (const d of number) await page.getByTestId(`key-${d}`).click();
    await page.getByTestId('key-ok').click();
  }
  for (const d of pin) await page.getByTestId(`key-${d}`).click();
  await page.getByTestId('key-ok').click();
  const answer = page.locator('[data-testid="greeting"]:not([data-outcome="failed"])');
  await answer.waitFor();
  return answer.getAttribute('data-outcome');
}

test('the fourth wrong PIN in a minute, on any numbers, pauses the pad and says for how many seconds', async () => {
  const page = await openPage(browser, serve.url);
  assert.equal(await tryPin(page, '9001', '1234'), 'wrong_pin');
  assert.equal(await tryPin(page, '', '1111'), 'wrong_pin');
  assert.equal(await tryPin(page, '', '2222'), 'wrong_pin');
  assert.equal(await tryPin(page, '', '3333'), 'pin_locked');
  const card = page.getByTestId('greeting');
  assert.match((await card.textContent()) ?? '', /Too many wrong PINs.*This kiosk takes the next PIN in \d+ seconds\./);
  // The card fades in; the picture is of the card as a student reads it.
  await card.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished.catch(() => undefined))));
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(repoRoot, 'test-results', 'kiosk-pin-pause.png') });
  await page.close();
});
