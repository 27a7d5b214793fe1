// Driving the admin screen the way staff do on the kiosk's touchscreen: the on-screen keys only.
// Other admin tests use these to get signed in before testing their own area.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../../src-main/cli/chromium.js';
import { repoRoot } from './fixtures.js';

export const IT_PIN = '908172';
export const OFFICE_PIN = '246810';

/** A school config file with face recognition off, so no camera or models are needed. */
export function writeSchoolConfig(dir: string, extra: Record<string, unknown> = {}): string {
  const file = join(dir, 'school.json');
  writeFileSync(file, JSON.stringify({ school: { name: 'Hill School', timezone: 'Europe/London', country: 'GB', locale: 'en-GB' }, kiosk: { faceRecognition: false }, ...extra }));
  return file;
}

export async function openPage(browser: Browser, url: string, hash = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(url + hash);
  return page;
}

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

/** Types on the docked on-screen keyboard (digits, letters, space). */
export async function tapKeys(page: Page, text: string): Promise<void> {
  const osk = page.getByTestId('on-screen-keyboard');
  for (const ch of text) await osk.locator(`[data-key="${ch === ' ' ? 'space' : ch}"]`).click();
}

const LETTER = /^[a-z]$/i;

/**
 * Types any text on the full on-screen keyboard as a person would: shift for capitals, the 123 page
 * for digits and symbols. The keyboard must already be up (a text field tapped).
 */
export async function typeOnKeyboard(page: Page, text: string): Promise<void> {
  const osk = page.getByTestId('on-screen-keyboard');
  const key = (k: string) => osk.locator(`[data-key="${k.replace(/"/g, '\\"')}"]`);
  for (const ch of text) {
    if (ch === ' ') {
      await key('space').click();
      continue;
    }
    const onLetters = (await key('symbols').innerText()) === '123';
    if (LETTER.test(ch) !== onLetters) await key('symbols').click();
    if (LETTER.test(ch) && ch !== ch.toLowerCase()) await key('shift').click();
    await key(ch).click();
  }
}

export async function tapEnter(page: Page): Promise<void> {
  await page.getByTestId('on-screen-keyboard').locator('[data-key="enter"]').click();
}

/**
 * The one-time setup code, read as IT does: from the file the setup screen names, on this machine
 * (the serve host under test writes it into its data folder).
 */
export async function readSetupCodeShown(page: Page): Promise<string> {
  const file = (await page.getByTestId('admin-setup-code-file').textContent())!;
  const code = /^(\d{8})$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!code) throw new Error(`no setup code in ${file}`);
  return code;
}

/** First run: the setup code, then both PINs on the keypad; ends signed in as IT. */
export async function setUpPins(page: Page, itPin = IT_PIN, officePin = OFFICE_PIN): Promise<void> {
  await page.getByTestId('admin-setup-code').waitFor();
  for (const pin of [await readSetupCodeShown(page), itPin, itPin, officePin, officePin]) {
    await tapKeys(page, pin);
    await tapEnter(page);
  }
  await page.getByTestId('admin-role').waitFor();
}

export async function signIn(page: Page, pin: string): Promise<void> {
  await page.getByTestId('admin-pin').waitFor();
  await tapKeys(page, pin);
  await tapEnter(page);
}

/** Where admin screenshots go (test-results/ at the repository root, not committed). */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(repoRoot, 'test-results', 'admin');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
