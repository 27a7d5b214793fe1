// The admin screen's door in Chromium against the serve host: first-run PINs on the on-screen keypad,
// the hidden corner gesture, lockout after five wrong PINs, and a kiosk that keeps working meanwhile.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { ADMIN_SESSION_HEADER } from '../src-preload/contract.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { IT_PIN, OFFICE_PIN, launchBrowser, openPage, readSetupCodeShown, screenshot, signIn, tapEnter, tapKeys, writeSchoolConfig } from './support/admin.js';

// Monday 7 December 2026, 07:55 in London.
const NOW = '2026-12-07T07:55:00Z';
const dir = tempDir('rollcall-admin-');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  serve = await startServe(['--data-dir', join(dir, 'data'), '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

test('on first run the admin screen asks for the setup code IT reads on the kiosk, then both PINs, typed on the on-screen keypad only', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  await page.getByTestId('admin-setup').waitFor();
  assert.equal(await page.getByTestId('admin-setup-code-file').innerText(), join(dir, 'data', 'setup-code.txt'));
  assert.equal(await page.getByTestId('on-screen-keyboard').getAttribute('data-kind'), 'number');
  await screenshot(page, 'access-setup-code');
  // A student who found the corner makes up a code: it is refused at once, before any PIN is chosen.
  await tapKeys(page, '12345678');
  await tapEnter(page);
  await page.getByTestId('admin-setup-message').filter({ hasText: /setup code is not right \(4 tries left/ }).waitFor();
  assert.equal(await page.getByTestId('admin-setup-code').isVisible(), true, 'still on the code step');
  await screenshot(page, 'access-setup-wrong-code');
  // The message, the field and the keypad all fit the kiosk's 1280×800 screen: nothing sits under the keypad.
  const layout = await page.evaluate(() => {
    const keypad = document.querySelector('[data-testid="on-screen-keyboard"]')!.getBoundingClientRect();
    const field = document.querySelector('[data-testid="admin-setup-code"]')!.getBoundingClientRect();
    const step = document.querySelector('.admin-step')!.getBoundingClientRect();
    const bar = document.querySelector('.admin-bar')!.getBoundingClientRect();
    return { fieldBottom: field.bottom, keypadTop: keypad.top, stepTop: step.top, barBottom: bar.bottom };
  });
  assert.ok(layout.fieldBottom <= layout.keypadTop, `the code field ends above the keypad (${layout.fieldBottom} > ${layout.keypadTop})`);
  assert.ok(layout.stepTop >= layout.barBottom, `the step line is not scrolled away under the bar (${layout.stepTop} < ${layout.barBottom})`);
  // IT types the real code, then chooses the PINs.
  await tapKeys(page, await readSetupCodeShown(page));
  await tapEnter(page);
  await page.getByTestId('admin-setup-pin').waitFor();
  assert.equal(await page.getByTestId('on-screen-keyboard').getAttribute('data-kind'), 'pin');
  await screenshot(page, 'access-setup');
  await tapKeys(page, IT_PIN);
  await tapEnter(page);
  await tapKeys(page, '111111');
  await tapEnter(page);
  assert.match(await page.getByTestId('admin-setup-message').innerText(), /did not match/);
  for (const pin of [IT_PIN, IT_PIN, OFFICE_PIN, OFFICE_PIN]) {
    await tapKeys(page, pin);
    await tapEnter(page);
  }
  await page.getByTestId('admin-role').waitFor();
  assert.equal(await page.getByTestId('admin-role').innerText(), 'IT');
  await screenshot(page, 'access-signed-in-it');
  await page.getByTestId('admin-sign-out').click();
  await page.getByTestId('admin-screen').waitFor({ state: 'detached' });
  await page.close();
});

test('holding the top-left corner of the kiosk for three seconds opens the sign-in, and the office PIN signs in as office', async () => {
  const page = await openPage(browser, serve.url);
  await page.getByTestId('status-bar').waitFor();
  const corner = await page.getByTestId('admin-corner').boundingBox();
  await page.mouse.move(corner!.x + 20, corner!.y + 20);
  await page.mouse.down();
  await page.getByTestId('admin-sign-in').waitFor({ timeout: 10_000 });
  await page.mouse.up();
  await screenshot(page, 'access-sign-in');
  await signIn(page, OFFICE_PIN);
  assert.equal(await page.getByTestId('admin-role').innerText(), 'Office');
  await page.close();
});

test('a short tap on the corner does not open the admin screen', async () => {
  const page = await openPage(browser, serve.url);
  await page.getByTestId('admin-corner').click();
  // The kiosk answers a status call after the tap; the admin screen is still not there.
  await page.evaluate(() => fetch('api/invoke/kiosk:status', { method: 'POST', body: '{}' }));
  assert.equal(await page.getByTestId('admin-screen').count(), 0);
  await page.close();
});

test('an office session cannot call an IT channel: the real request gets 403, the IT session gets through', async () => {
  const invoke = async (channel: string, body: unknown, token?: string) => {
    const headers: Record<string, string> = { 'content-type': 'application/json', ...(token ? { [ADMIN_SESSION_HEADER]: token } : {}) };
    const res = await fetch(new URL(`api/invoke/${channel}`, serve.url), { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as { token?: string; error?: string } };
  };
  const office = await invoke('admin:login', { pin: OFFICE_PIN });
  const refused = await invoke('admin:audit', {}, office.body.token);
  assert.equal(refused.status, 403);
  assert.equal(refused.body.error, 'This needs the IT PIN');
  const it = await invoke('admin:login', { pin: IT_PIN });
  assert.equal((await invoke('admin:audit', {}, it.body.token)).status, 200);
});


test('the admin screen signs out by itself after admin.idleMinutes without a touch, back to the kiosk', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.clock.install();
  await page.goto(serve.url + '#admin');
  await signIn(page, OFFICE_PIN);
  await page.getByTestId('admin-role').waitFor();
  await page.clock.fastForward('04:00');
  await page.getByRole('button', { name: 'PINs' }).click();
  await page.clock.fastForward('04:00');
  assert.equal(await page.getByTestId('admin-screen').count(), 1, 'a touch four minutes in keeps it open');
  await screenshot(page, 'access-pins');
  await page.clock.fastForward('01:01');
  await page.getByTestId('admin-screen').waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.location.hash), '');
  await page.close();
  const post = (channel: string, body: unknown, token?: string) =>
    fetch(new URL(`api/invoke/${channel}`, serve.url), { method: 'POST', headers: token ? { [ADMIN_SESSION_HEADER]: token } : {}, body: JSON.stringify(body) }).then((r) => r.json());
  const it = (await post('admin:login', { pin: IT_PIN })) as { token: string };
  const audit = (await post('admin:audit', { limit: 3 }, it.token)) as Array<{ actor: string; action: string }>;
  assert.deepEqual(audit.slice(0, 2).map((e) => `${e.actor} ${e.action}`), ['it admin.login', 'office admin.logout'], 'the core ended the office session');
});

test('five wrong PINs lock the sign-in and say until when; the IT PIN still opens it; the kiosk still answers meanwhile', async () => {
  const page = await openPage(browser, serve.url, '#admin');
  for (let i = 1; i <= 4; i++) {
    await signIn(page, '000000');
    await page.getByTestId('admin-sign-in-message').filter({ hasText: `${5 - i} ${5 - i === 1 ? 'try' : 'tries'} left` }).waitFor();
  }
  await screenshot(page, 'access-wrong-pin');
  await signIn(page, '000000');
  const locked = await page.getByTestId('admin-locked').innerText();
  assert.match(locked, /Too many wrong PINs\. Try again at \d\d:\d\d \(in \d+ s\)\. The IT PIN still works now\./);
  // A student who typed the five wrong PINs must not keep IT (and so the office) out as well.
  assert.equal(await page.getByTestId('admin-pin').isDisabled(), false);
  await screenshot(page, 'access-locked');
  const status = await page.evaluate(async () => (await fetch('api/invoke/kiosk:status', { method: 'POST', body: '{}' })).status);
  assert.equal(status, 200);
  await signIn(page, IT_PIN);
  await page.getByTestId('admin-screen').waitFor();
  await page.close();
});
