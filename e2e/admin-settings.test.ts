// Settings in Chromium against the serve host: a change typed on the on-screen keyboard applies to
// the kiosk without a restart, a bad value is refused with the core's message next to the field, and
// the kiosk speaks the language chosen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { OFFICE_PIN, IT_PIN, launchBrowser, openPage, screenshot, setUpPins, signIn, tapKeys, writeSchoolConfig } from './support/admin.js';

// Monday 7 December 2026, 07:55 in London.
const NOW = '2026-12-07T07:55:00Z';
const dir = tempDir('rollcall-settings-');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  serve = await startServe(['--data-dir', join(dir, 'data'), '--config', writeSchoolConfig(dir), '--now', NOW]);
  browser = await launchBrowser();
  const page = await openPage(browser, serve.url, '#admin');
  await setUpPins(page);
  await page.close();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

async function openSettings(pin: string): Promise<Page> {
  const page = await openPage(browser, serve.url, '#admin');
  await signIn(page, pin);
  await page.getByRole('button', { name: 'Settings' }).click();
  await page.getByTestId('settings-section').waitFor();
  return page;
}

test('the school name typed on the on-screen keyboard shows on the kiosk status bar without a restart', async () => {
  const page = await openSettings(OFFICE_PIN);
  await screenshot(page, 'settings-office');
  await page.getByTestId('setting-school.name').click();
  assert.equal(await page.getByTestId('on-screen-keyboard').getAttribute('data-kind'), 'text');
  await page.getByTestId('on-screen-keyboard').locator('[data-key="clear"]').click();
  // Shift capitalises the next letter only, as on a phone.
  const shift = () => page.getByTestId('on-screen-keyboard').locator('[data-key="shift"]').click();
  await shift();
  await tapKeys(page, 'Hill ');
  await shift();
  await tapKeys(page, 'Primary');
  await screenshot(page, 'settings-keyboard');
  assert.equal(await page.getByTestId('setting-school.name').inputValue(), 'Hill Primary');
  await page.getByTestId('settings-save').click();
  assert.match(await page.getByTestId('settings-notice').innerText(), /Saved: 1 setting changed/);
  await page.getByTestId('admin-sign-out').click();
  await page.locator('.status-school-name', { hasText: 'Hill Primary' }).waitFor();
  await page.close();
});

test('a bad time zone is refused with the core’s message next to the field, and nothing is saved', async () => {
  const page = await openSettings(OFFICE_PIN);
  const zone = page.getByTestId('setting-school.timezone');
  await zone.fill('Mars/Olympus');
  await page.getByTestId('setting-schedule.cooldownMinutes').fill('-3');
  await page.getByTestId('settings-save').click();
  assert.match(await page.getByTestId('settings-notice').innerText(), /Not saved\. 2 settings need fixing/);
  const zoneField = page.locator('.field', { has: zone });
  assert.equal(await zoneField.locator('.field-error').innerText(), 'Must be an IANA time zone, e.g. "Europe/London"');
  const coolField = page.locator('.field', { has: page.getByTestId('setting-schedule.cooldownMinutes') });
  assert.equal(await coolField.locator('.field-error').innerText(), 'Cannot be negative');
  await screenshot(page, 'settings-refused');
  const status = await page.evaluate(async () => (await (await fetch('api/invoke/kiosk:status', { method: 'POST', body: '{}' })).json()) as { timezone: string });
  assert.equal(status.timezone, 'Europe/London');
  await page.close();
});

test('a holiday entered on the keypad closes check-in that day: the kiosk shows no session', async () => {
  const page = await openSettings(OFFICE_PIN);
  await page.getByTestId('add-holiday').click();
  await page.getByTestId('setting-schedule.holidays.0.from').click();
  await tapKeys(page, '2026-12-07');
  await page.getByTestId('setting-schedule.holidays.0.name').fill('Snow day');
  await screenshot(page, 'settings-holiday');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-notice').filter({ hasText: 'Saved' }).waitFor();
  const status = await page.evaluate(async () => (await (await fetch('api/invoke/kiosk:status', { method: 'POST', body: '{}' })).json()) as { session: string | null });
  assert.equal(status.session, null);
  await page.getByTestId('holiday-0').getByRole('button', { name: 'Remove holiday 1' }).click();
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-notice').filter({ hasText: 'Saved' }).waitFor();
  await page.close();
});

test('the kiosk speaks Spanish once the school chooses it', async () => {
  const page = await openSettings(OFFICE_PIN);
  await page.getByTestId('setting-school.language').getByRole('radio', { name: 'Español' }).click();
  await page.getByTestId('settings-save').click();
  await page.getByTestId('settings-notice').filter({ hasText: 'Saved' }).waitFor();
  await page.getByTestId('admin-sign-out').click();
  await page.getByText('Registrarse con PIN').waitFor();
  await screenshot(page, 'kiosk-spanish');
  await page.close();
});

test('sessions and their windows are on the screen for each session', async () => {
  const page = await openSettings(OFFICE_PIN);
  await page.getByTestId('session-0').scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-sessions');
  await page.getByTestId('setting-schedule.sessions.0.checkIn.1').fill('06:00');
  await page.getByTestId('settings-save').click();
  await page.getByTestId('session-0').getByText('Check-in window: 06:30 must be before 06:00').waitFor();
  await page.close();
});

test('office does not see the recognition thresholds; IT does, and a threshold change is applied', async () => {
  const office = await openSettings(OFFICE_PIN);
  assert.equal(await office.getByTestId('setting-recognition.acceptThreshold').count(), 0);
  await office.close();
  const page = await openSettings(IT_PIN);
  await page.getByTestId('setting-recognition.unknownThreshold').fill('0.97');
  await page.getByTestId('settings-save').click();
  const field = page.locator('.field', { has: page.getByTestId('setting-recognition.unknownThreshold') });
  assert.equal(await field.locator('.field-error').innerText(), 'Must not be above recognition.acceptThreshold');
  await screenshot(page, 'settings-it');
  await page.close();
});

test('the absence and no-check-out texts are set under Settings: a time before check-in closes is refused next to it, a good one applies', async () => {
  const page = await openSettings(OFFICE_PIN);
  await page.getByTestId('notice-absenceReport').scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-absence-texts');
  await page.getByTestId('setting-schedule.noCheckoutNotice.enabled').getByRole('radio', { name: 'On' }).click();
  await page.getByTestId('setting-schedule.absenceReport.at').fill('07:15');
  await page.getByTestId('settings-save').click();
  const at = page.locator('.field', { has: page.getByTestId('setting-schedule.absenceReport.at') });
  assert.match(await at.locator('.field-error').innerText(), /^Must be after the first check-in window closes/);
  await page.getByTestId('setting-schedule.absenceReport.at').fill('08:00');
  await page.getByTestId('settings-save').click();
  assert.match(await page.getByTestId('settings-notice').innerText(), /^Saved/);
  await page.close();
  const again = await openSettings(OFFICE_PIN);
  assert.equal(await again.getByTestId('setting-schedule.absenceReport.at').inputValue(), '08:00');
  assert.equal(await again.getByTestId('setting-schedule.noCheckoutNotice.enabled').getByRole('radio', { name: 'On' }).getAttribute('aria-checked'), 'true');
  await again.getByTestId('notice-absenceReport').scrollIntoViewIfNeeded();
  await screenshot(again, 'settings-absence-texts-saved');
  await again.close();
});

test('a setting read only at start says so: saved, in force after the kiosk restarts', async () => {
  const page = await openSettings(IT_PIN);
  const frames = page.locator('.field', { has: page.getByTestId('setting-recognition.agreeFrames') });
  assert.match(await frames.locator('.field-hint').innerText(), /Applies after the kiosk restarts/);
  await page.getByTestId('setting-recognition.agreeFrames').fill('4');
  await page.getByTestId('setting-recognition.margin').fill('0.02');
  await page.getByTestId('settings-save').click();
  assert.equal(
    await page.getByTestId('settings-notice').innerText(),
    'Saved: 2 settings changed. The kiosk uses them now, except Frames that must agree: applies after the kiosk restarts.',
  );
  assert.match(await page.getByTestId('settings-pending-restart').innerText(), /waiting for a restart: Frames that must agree\./);
  await page.getByTestId('settings-pending-restart').scrollIntoViewIfNeeded();
  await screenshot(page, 'settings-pending-restart');
  await page.close();
});

test('a check-out window overlapping check-in is refused under its session', async () => {
  const page = await openSettings(OFFICE_PIN);
  await page.getByTestId('setting-schedule.sessions.0.checkOut.0').fill('07:00');
  await page.getByTestId('settings-save').click();
  assert.match(
    await page.getByTestId('session-0').locator('.field-error').innerText(),
    /^Check-out window opens at 07:00, before session "morning" closes check-in at 07:30; the windows must not overlap/,
  );
  await screenshot(page, 'settings-overlap-refused');
  await page.close();
});
