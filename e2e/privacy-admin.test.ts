// The office deletes a student's face data from the admin screen and gets a printable receipt; the
// status shows what the region allows. Real serve host, real SQLite, real Chromium.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright';
import { launchChromium } from '../src-main/cli/chromium.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { enrolledSchool } from '../src-main/test-support/enrolled-school.js';
import { startServe, type ServeProcess } from './support/serve-process.js';
import { faceModeConfig } from './support/face-consent.js';
import { OFFICE_PIN, screenshot, setUpPins, signIn } from './support/admin.js';

const dir = tempDir('rollcall-privacy-admin-');
const dataDir = join(dir, 'data');
let serve: ServeProcess;
let browser: Browser;

before(async () => {
  mkdirSync(dataDir);
  const key = randomBytes(32);
  enrolledSchool(dataDir, { key, now: new Date('2026-09-07T08:00:00Z') }).db.close();
  mkdirSync(join(dir, 'keys'), { mode: 0o700 });
  writeFileSync(join(dir, 'keys', 'template.key'), key.toString('base64') + '\n', { mode: 0o600 });
  writeFileSync(join(dir, 'school.json'), JSON.stringify({ school: { name: 'Hill School' }, ...faceModeConfig }));
  serve = await startServe(['--data-dir', dataDir, '--config', join(dir, 'school.json'), '--key-file', join(dir, 'keys', 'template.key'), '--now', '2026-12-07T10:15:00Z']);
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await serve?.stop();
});

let pinsSet = false;
/** The first visit sets the PINs (and is signed in as IT); later ones sign in with the office PIN. */
async function adminSignIn(page: Page): Promise<void> {
  if (!pinsSet) {
    await setUpPins(page);
    pinsSet = true;
  } else await signIn(page, OFFICE_PIN);
}

test('the office deletes one student’s face data and prints the receipt', { timeout: 120_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${serve.url}#admin`);
  await adminSignIn(page);
  await page.getByRole('button', { name: 'Privacy' }).click();
  await page.getByTestId('privacy-section').waitFor();
  assert.equal(await page.getByTestId('privacy-face-mode').textContent(), 'on, for students with consent');
  assert.equal(await page.getByTestId('privacy-enrolled').textContent(), '3');
  if (process.env.ROLLCALL_SCREENSHOTS) await page.screenshot({ path: join(process.env.ROLLCALL_SCREENSHOTS, 'privacy-admin.png') });

  const danger = page.locator('.privacy-danger');
  await danger.getByLabel('Student number').fill('1002');
  await danger.getByLabel('Your name').fill('J. Okafor');
  await page.getByTestId('privacy-delete').click();
  assert.equal(await page.getByTestId('privacy-delete').textContent(), 'Yes, delete face data of 1002', 'a second, explicit confirmation');
  await page.getByTestId('privacy-delete').click();
  const receipt = page.frameLocator('[data-testid="privacy-doc"] iframe');
  await receipt.getByText('Receipt: biometric data deleted').waitFor();
  assert.match((await receipt.locator('dl.facts').textContent()) ?? '', /1002.*Deletion requested.*J\. Okafor.*2/s);
  await page.getByTestId('privacy-enrolled').filter({ hasText: '2' }).waitFor();
  if (process.env.ROLLCALL_SCREENSHOTS) await page.screenshot({ path: join(process.env.ROLLCALL_SCREENSHOTS, 'privacy-receipt.png'), fullPage: true });

  const db = new Database(join(dataDir, 'rollcall.db'), { readonly: true });
  try {
    assert.equal(db.prepare("SELECT COUNT(*) FROM face_templates t JOIN students s ON s.id = t.student_id WHERE s.student_number = '1002'").pluck().get(), 0);
    assert.equal(db.prepare('SELECT COUNT(*) FROM face_templates').pluck().get(), 4);
  } finally {
    db.close();
  }
  await page.close();
});

test('the office shows a student’s records as a printable page with a JSON copy', { timeout: 120_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(`${serve.url}#admin`);
  await adminSignIn(page);
  await page.getByRole('button', { name: 'Privacy' }).click();
  const card = page.locator('.privacy-card', { hasText: 'Access export' });
  await card.getByLabel('Student number').fill('1001');
  await card.getByRole('button', { name: 'Show records' }).click();
  const doc = page.frameLocator('[data-testid="privacy-doc"] iframe');
  await doc.getByRole('heading', { name: 'Records held for Ana Silva' }).waitFor();
  assert.match((await doc.locator('body').textContent()) ?? '', /2 face template\(s\) are stored, encrypted/);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download JSON' }).click();
  const file = await (await download).path();
  const json = JSON.parse(readFileSync(file, 'utf8'));
  assert.equal(json.student.studentNumber, '1001');
  assert.equal(json.templates.count, 2);
  assert.equal('vector' in json.templates.items[0], false);
  await page.close();
});

test('the privacy pack opens in view on the kiosk’s 1280×800 screen, in plain sentences', { timeout: 120_000 }, async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${serve.url}#admin`);
  await adminSignIn(page);
  await page.getByRole('button', { name: 'Privacy' }).click();
  await page.getByRole('button', { name: /^Privacy pack/ }).click();
  const pack = page.frameLocator('[data-testid="privacy-doc"] iframe');
  await pack.getByRole('heading', { name: /notice to parents and carers/ }).waitFor();
  await page.waitForFunction(() => {
    const top = document.querySelector('[data-testid="privacy-doc"]')?.getBoundingClientRect().top;
    return top !== undefined && top >= 0 && top < window.innerHeight / 2;
  });
  assert.doesNotMatch((await pack.locator('body').textContent()) ?? '', /Enrolment photos: [A-Z]/);
  await screenshot(page, 'privacy-pack');
  await page.close();
});
