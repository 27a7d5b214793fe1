// The front office's People and Face enrolment screens in Chromium against the serve host: a roster
// import that shows its errors before anything is written, consent before enrolment, guided
// enrolment with the (fake) kiosk camera followed by that student being recognised at the kiosk,
// withdrawal deleting the face data, and QR card sheets that decode back to the student number.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page, Request } from 'playwright';
import Database from 'better-sqlite3';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { launchChromium } from '../src-main/cli/chromium.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { face, missingFixtures, repoRoot } from './support/fixtures.js';
import { fakeCameraArgs, makeCameraClip } from './support/camera-clip.js';
import { runScript, startServe, type ServeProcess } from './support/serve-process.js';
import { OFFICE_PIN, setUpPins, signIn, tapKeys } from './support/admin.js';
import { faceModeConfig } from './support/face-consent.js';

const skipFaces = missingFixtures();
const HEADER = 'student_number,first_name,last_name,class,guardian_name,guardian_phone';
// Monday 7 December 2026, 07:05 in London: inside the morning check-in window.
const NOW = '2026-12-07T07:05:00Z';
const shots = join(repoRoot, 'test-results', 'people');

const dir = tempDir('rollcall-people-e2e-');
const dataDir = join(dir, 'data');
let serve: ServeProcess;
const browsers: Browser[] = [];

before(async () => {
  mkdirSync(shots, { recursive: true });
  writeFileSync(
    join(dir, 'roster.csv'),
    `${HEADER}\n1001,Ana,Silva,7A,Maria Silva,07400 100001\n1002,Ben,Okafor,7A,Ada Okafor,07400 100002\n1003,Chloé,Martin,7B,Luc Martin,07400 100003\n`,
  );
  const imported = await runScript('src-main/cli/import.ts', ['--data-dir', dataDir, '--roster', join(dir, 'roster.csv')]);
  assert.equal(imported.code, 0, imported.stderr);
  // A shared test machine can make the camera steps slow; the office's idle sign-out must not end them.
  writeFileSync(
    join(dir, 'school.json'),
    // Face mode on, as a GB school with its DPIA would set it, so the enrolled student is recognised.
    JSON.stringify({ school: { name: 'Hill School', timezone: 'Europe/London', country: 'GB', locale: 'en-GB' }, admin: { idleMinutes: 30 }, ...faceModeConfig }),
  );
  serve = await startServe(['--data-dir', dataDir, '--config', join(dir, 'school.json'), '--now', NOW]);
  // First run: the IT and office PINs are set once; every test then signs in as the office.
  const { page } = await openAdmin();
  await setUpPins(page);
});

after(async () => {
  for (const b of browsers) await b.close();
  await serve?.stop();
});

/** The admin screen in a desk-sized Chromium; the camera is Chromium's test pattern unless a clip is given. */
async function openAdmin(cameraArgs: string[] = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream']) {
  const browser = await launchChromium(cameraArgs);
  browsers.push(browser);
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('crash', () => errors.push('the page crashed'));
  // The kiosk page with its admin overlay open (a desk page opened at /#admin would not be the kiosk).
  await page.goto(serve.url);
  await page.evaluate(() => {
    window.location.hash = 'admin';
  });
  await page.getByTestId('admin-screen').waitFor();
  await page.locator('[data-testid=admin-sign-in], [data-testid=admin-setup], [data-testid=admin-role]').first().waitFor();
  if (await page.getByTestId('admin-sign-in').isVisible()) {
    await signIn(page, OFFICE_PIN);
    await page.getByTestId('admin-role').waitFor();
  }
  return { page, errors };
}

/** Resolves once the page has told the core `n` times that its kiosk camera is paused (admin screen open). */
function pausedHeartbeats(page: Page, n: number): Promise<void> {
  return new Promise((resolve) => {
    let seen = 0;
    const onRequest = (req: Request) => {
      if (!req.url().endsWith('/api/invoke/kiosk:heartbeat') || !req.postData()?.includes('"cameraState":"paused"')) return;
      if (++seen < n) return;
      page.off('request', onRequest);
      resolve();
    };
    page.on('request', onRequest);
  });
}

/** Types on the on-screen keyboard, with shift for capitals, as staff do on the kiosk's touchscreen. */
async function tapText(page: Page, text: string) {
  const osk = page.getByTestId('on-screen-keyboard');
  for (const ch of text) {
    if (ch !== ch.toLowerCase()) await osk.locator('[data-key="shift"]').click();
    await tapKeys(page, ch);
  }
}

async function tab(page: Page, title: string) {
  await page.locator('.admin-tabs button', { hasText: title }).click();
}

function query<T>(sql: string, ...args: unknown[]): T[] {
  const db = new Database(join(dataDir, 'rollcall.db'), { readonly: true });
  try {
    return db.prepare(sql).all(...args) as T[];
  } finally {
    db.close();
  }
}

test('a roster with bad rows shows every error with its line and imports nothing; a good one shows the changes first', { timeout: 90_000 }, async () => {
  const { page, errors } = await openAdmin();
  await tab(page, 'People');
  await page.getByTestId('people-list').waitFor();
  await page.getByTestId('people-import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'term2.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${HEADER}\n1001,Ana,Silva,8A,Maria Silva,07400 100001\n1004,Dev,,8B,Priya Patel,12345\n,Eve,Novak,8B,Jan Novak,07400 100005\n`),
  });
  const problems = page.getByTestId('import-errors');
  await problems.waitFor();
  await page.screenshot({ path: join(shots, 'import-errors.png'), fullPage: true });
  const text = (await problems.textContent()) ?? '';
  assert.match(text, /Nothing was imported/);
  assert.match(text, /term2\.csv, line 3:.*last_name is empty.*guardian_phone '12345' is not a valid phone number for GB/);
  assert.match(text, /term2\.csv, line 4: student_number is empty/);
  assert.deepEqual(query('SELECT class_name FROM students WHERE student_number = ?', '1001'), [{ class_name: '7A' }]);

  await page.getByTestId('import-file').setInputFiles({
    name: 'term2.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`${HEADER}\n1001,Ana,Silva,8A,Maria Silva,07400 100001\n1002,Ben,Okafor,7A,Ada Okafor,07400 100002\n1004,Dev,Patel,8B,Priya Patel,07400 100004\n`),
  });
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  await page.screenshot({ path: join(shots, 'import-preview.png'), fullPage: true });
  const ptext = (await preview.textContent()) ?? '';
  assert.match(ptext, /1new students/);
  assert.match(ptext, /Ana Silva.*Updated class 7A → 8A/);
  assert.match(ptext, /Dev Patel.*New/);
  assert.equal(query('SELECT id FROM students WHERE student_number = ?', '1004').length, 0, 'the preview wrote nothing');
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-done').waitFor();
  assert.deepEqual(query('SELECT class_name FROM students WHERE student_number IN (?, ?) ORDER BY student_number', '1001', '1004'), [{ class_name: '8A' }, { class_name: '8B' }]);
  assert.equal(query('SELECT id FROM students').length, 4, 're-import updates instead of duplicating');
  assert.deepEqual(errors, []);
});

test('a guardian marked do-not-contact is saved from the student screen', { timeout: 60_000 }, async () => {
  const { page } = await openAdmin();
  await tab(page, 'People');
  await page.getByTestId('people-search').click();
  await tapKeys(page, 'okafor');
  await page.getByTestId('people-list').locator('tr', { hasText: 'Okafor' }).click();
  await page.getByTestId('student-editor').waitFor();
  await page.getByTestId('guardian-0-phone').fill('12345');
  await page.getByTestId('student-save').click();
  await page.getByText('Phone \'12345\' is not a valid phone number for GB').waitFor();
  await page.screenshot({ path: join(shots, 'student-error.png'), fullPage: true });
  await page.getByTestId('guardian-0-phone').fill('07400 100002');
  await page.getByTestId('guardian-0-dnc').check();
  await page.screenshot({ path: join(shots, 'student-editor.png'), fullPage: true });
  await page.getByTestId('student-save').click();
  await page.getByTestId('people-list').waitFor();
  assert.deepEqual(query("SELECT do_not_contact FROM guardians WHERE phone_e164 = '+447400100002'"), [{ do_not_contact: 1 }]);
});

test('a Windows spreadsheet’s roster keeps its accents, and a guardian of two children says so on each page', { timeout: 90_000 }, async () => {
  const { page, errors } = await openAdmin();
  await tab(page, 'People');
  await page.getByTestId('people-import').click();
  await page.getByTestId('import-file').setInputFiles({
    name: 'excel.csv',
    mimeType: 'text/csv',
    // "CSV (Comma delimited)" from Excel on Windows: Windows-1252, not UTF-8.
    buffer: Buffer.from(`${HEADER}\n1005,José,Müller,8B,Renée Müller,07400 100006\n1006,Léa,Müller,9A,Renée Müller,07400 100006\n`, 'latin1'),
  });
  const preview = page.getByTestId('import-preview');
  await preview.waitFor();
  assert.match((await page.getByTestId('import-encoding').textContent()) ?? '', /excel\.csv is not saved as UTF-8 and was read as Windows-1252/);
  assert.match((await preview.textContent()) ?? '', /José Müller.*Léa Müller/);
  await page.screenshot({ path: join(shots, 'import-windows-1252.png'), fullPage: true });
  await page.getByTestId('import-confirm').click();
  await page.getByTestId('import-done').waitFor();
  assert.deepEqual(query("SELECT first_name, last_name FROM students WHERE student_number IN ('1005', '1006') ORDER BY student_number"), [
    { first_name: 'José', last_name: 'Müller' },
    { first_name: 'Léa', last_name: 'Müller' },
  ]);

  await page.getByRole('button', { name: '← All students' }).click();
  await page.getByTestId('people-search').click();
  await tapKeys(page, 'jos');
  await page.getByTestId('people-list').locator('tr', { hasText: 'José' }).click();
  await page.getByTestId('student-editor').waitFor();
  const shared = page.getByTestId('guardian-0-shared');
  await shared.waitFor();
  assert.match((await shared.textContent()) ?? '', /Also guardian of Léa Müller \(9A\): changes to this guardian’s name, number, texts and “do not contact” apply there too/);
  await page.screenshot({ path: join(shots, 'student-shared-guardian.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('QR cards for a class print on A4 and each code reads back as the student number', { timeout: 60_000 }, async () => {
  const { page } = await openAdmin();
  await tab(page, 'People');
  await page.getByRole('button', { name: 'Print QR cards' }).click();
  await page.getByRole('button', { name: 'Class 7A' }).click();
  const sheet = page.getByTestId('cards-sheet');
  await sheet.waitFor();
  await page.emulateMedia({ media: 'print' });
  const cards = page.getByTestId('qr-card');
  assert.equal(await cards.count(), 1);
  await page.screenshot({ path: join(shots, 'cards-print.png'), fullPage: true });
  const png = PNG.sync.read(await cards.first().screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  assert.equal(code?.data, '1002');
  assert.match((await cards.first().textContent()) ?? '', /Ben Okafor.*Class 7A.*1002/);
  const pdf = await page.pdf({ preferCSSPageSize: true });
  assert.ok(pdf.subarray(0, 5).toString() === '%PDF-');
  assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 594\.\d+ 841\.\d+\]/, 'the sheet is A4');
});

const ENROLLEE = { number: '1003', first: 'Chloé', last: 'Martin', id: 'df03' };

test('face enrolment is blocked until consent is recorded, then the kiosk camera enrols the student and the kiosk recognises them', { skip: skipFaces, timeout: 600_000 }, async () => {
  const clip = makeCameraClip(join(dir, 'enrol.y4m'), [1, 2, 3].map((n) => ({ image: face(ENROLLEE.id, `${n}.jpg`), seconds: 2 })));
  const { page, errors } = await openAdmin(fakeCameraArgs(clip));
  await tab(page, 'Face enrolment');
  await page.getByTestId('enrol-search').click();
  await tapKeys(page, 'martin');
  await page.getByTestId('enrol-pick').filter({ hasText: 'Martin' }).first().click();
  await page.getByTestId('enrol-blocked').waitFor();
  await page.screenshot({ path: join(shots, 'enrol-blocked.png'), fullPage: true });

  await page.getByTestId('consent-given-by').click();
  await tapText(page, 'Luc Martin');
  await page.getByTestId('consent-record').click();
  await page.getByTestId('enrol-notice').filter({ hasText: 'Consent from Luc Martin recorded' }).waitFor();
  await page.getByTestId('enrol-how').getByRole('button', { name: 'The kiosk camera' }).click();
  await page.getByTestId('capture-guidance').waitFor();
  await page.screenshot({ path: join(shots, 'enrol-camera.png'), fullPage: true });
  await page.getByTestId('sample-review').waitFor({ timeout: 300_000 }).catch(async (e: Error) => {
    await page.screenshot({ path: join(shots, 'enrol-stuck.png') });
    throw new Error(`${e.message}\npage errors: ${errors.join(' | ')}`);
  });
  assert.equal(await page.getByTestId('sample').count(), 3);
  await page.screenshot({ path: join(shots, 'enrol-review.png'), fullPage: true });
  await page.getByTestId('enrol-save').click();
  await page.getByTestId('enrol-notice').filter({ hasText: 'Face saved (3 samples on file)' }).waitFor();
  await page.screenshot({ path: join(shots, 'enrol-saved.png'), fullPage: true });
  assert.deepEqual(query("SELECT COUNT(*) AS n, MIN(source) AS source FROM face_templates t JOIN students s ON s.id = t.student_id WHERE s.student_number = ?", ENROLLEE.number), [{ n: 3, source: 'kiosk' }]);
  assert.deepEqual(errors, []);

  // She is enrolled now and still in front of this page's camera, but the kiosk under the open admin
  // screen is paused: it keeps telling the core so, and checks nobody in.
  await pausedHeartbeats(page, 5);
  const hers = () => query("SELECT a.method FROM attendance a JOIN students s ON s.id = a.student_id WHERE s.student_number = ?", ENROLLEE.number);
  assert.deepEqual(hers(), []);
  // Closing the admin screen resumes the kiosk, which recognises her from the same camera.
  await page.getByTestId('admin-sign-out').click();
  await page.getByTestId('admin-screen').waitFor({ state: 'detached' });
  const underneath = page.getByTestId('greeting').filter({ hasText: 'Chloé' });
  await underneath.waitFor({ timeout: 240_000 });
  assert.equal(await underneath.getAttribute('data-outcome'), 'recorded');
  assert.deepEqual(hers(), [{ method: 'face' }]);

  // At the kiosk, a photo the enrolment never saw.
  const walk = makeCameraClip(join(dir, 'walk.y4m'), [{ image: face(ENROLLEE.id, '4.jpg'), seconds: 4 }, { image: 'blank', seconds: 1 }]);
  const kioskBrowser = await launchChromium(fakeCameraArgs(walk));
  browsers.push(kioskBrowser);
  const kiosk = await kioskBrowser.newPage({ viewport: { width: 1080, height: 1920 } });
  await kiosk.goto(serve.url);
  // Already checked in above; only a face can have told this kiosk who she is.
  const greeting = kiosk.getByTestId('greeting').filter({ hasText: 'Chloé' });
  await greeting.waitFor({ timeout: 240_000 });
  assert.equal(await greeting.getAttribute('data-outcome'), 'already_recorded');
  await kiosk.screenshot({ path: join(shots, 'kiosk-recognised.png') });
  assert.deepEqual(query("SELECT a.method FROM attendance a JOIN students s ON s.id = a.student_id WHERE s.student_number = ?", ENROLLEE.number), [{ method: 'face' }]);
  await kioskBrowser.close();
});

test('withdrawing consent is one tap and deletes the face data at once', { skip: skipFaces, timeout: 120_000 }, async () => {
  const { page } = await openAdmin();
  await tab(page, 'Face enrolment');
  await page.getByTestId('enrol-search').fill(ENROLLEE.number);
  await page.getByTestId('enrol-pick').filter({ hasText: ENROLLEE.number }).click();
  await page.getByTestId('consent-withdraw').click();
  await page.getByTestId('enrol-notice').filter({ hasText: 'Consent withdrawn. 3 face samples were deleted' }).waitFor();
  await page.screenshot({ path: join(shots, 'enrol-withdrawn.png'), fullPage: true });
  assert.deepEqual(query("SELECT COUNT(*) AS n FROM face_templates t JOIN students s ON s.id = t.student_id WHERE s.student_number = ?", ENROLLEE.number), [{ n: 0 }]);
  assert.deepEqual(query("SELECT action FROM audit_log WHERE action = 'consent.withdraw'"), [{ action: 'consent.withdraw' }]);
  await page.getByTestId('enrol-blocked').waitFor();
});

test('photo files enrol a student, and the same face offered for another student is flagged before saving', { skip: skipFaces, timeout: 240_000 }, async () => {
  const { page, errors } = await openAdmin();
  await tab(page, 'Face enrolment');
  const pick = async (search: string) => {
    const back = page.getByRole('button', { name: '← Choose another student' });
    if (await back.isVisible()) await back.click();
    await page.getByTestId('enrol-search').fill(search);
    // The list filters as it is typed into: wait for the row searched for, not whichever row is first.
    await page.getByTestId('enrol-pick').filter({ hasText: search }).click();
  };
  const consentAndPhotos = async (guardian: string, photos: string[]) => {
    await page.getByRole('button', { name: guardian }).click();
    await page.getByTestId('consent-record').click();
    await page.getByTestId('enrol-notice').filter({ hasText: `Consent from ${guardian} recorded` }).waitFor();
    await page.getByTestId('enrol-how').getByRole('button', { name: 'Photo files' }).click();
    await page.getByTestId('photo-files').setInputFiles(photos);
    await page.getByTestId('sample-review').waitFor({ timeout: 120_000 });
  };

  await pick(ENROLLEE.number);
  await consentAndPhotos('Luc Martin', [face(ENROLLEE.id, '1.jpg'), face(ENROLLEE.id, '2.jpg')]);
  assert.equal(await page.getByTestId('sample').count(), 2);
  await page.getByTestId('enrol-save').click();
  await page.getByTestId('enrol-notice').filter({ hasText: 'Face saved (2 samples on file)' }).waitFor();

  await pick('1001');
  await consentAndPhotos('Maria Silva', [face(ENROLLEE.id, '3.jpg')]);
  await page.getByTestId('enrol-save').click();
  const warning = page.getByTestId('enrol-warning');
  await warning.waitFor();
  await page.screenshot({ path: join(shots, 'enrol-already-enrolled.png'), fullPage: true });
  assert.match((await warning.textContent()) ?? '', /already enrolled as Chloé Martin \(1003\)/);
  assert.deepEqual(query("SELECT COUNT(*) AS n FROM face_templates t JOIN students s ON s.id = t.student_id WHERE s.student_number = '1001'"), [{ n: 0 }]);
  assert.deepEqual(errors, []);
});

test('the office can require the student’s own consent, and the consent panel then asks for it', { timeout: 90_000 }, async () => {
  const { page, errors } = await openAdmin();
  await tab(page, 'Face enrolment');
  await page.getByText('School consent rules').click();
  await page.getByLabel('Students must also consent (not only a guardian)').check();
  await page.getByRole('button', { name: 'Save consent rules' }).click();
  await page.getByText('Consent rules saved.').waitFor();
  await page.getByTestId('enrol-search').fill('1001');
  await page.getByTestId('enrol-pick').filter({ hasText: '1001' }).click();
  await page.getByTestId('consent-state').filter({ hasText: 'consent from the student' }).waitFor();
  await page.getByRole('button', { name: 'The student (Ana Silva)' }).waitFor();
  await page.screenshot({ path: join(shots, 'consent-student-required.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('the list reads in register order, a guardian’s number in national format, and the save bar covers the page’s foot at 1280×800', { timeout: 60_000 }, async () => {
  const { page, errors } = await openAdmin();
  await page.setViewportSize({ width: 1280, height: 800 });
  await tab(page, 'People');
  const names = await page.getByTestId('people-list').locator('tbody tr td:first-child').allInnerTexts();
  const collator = new Intl.Collator('en', { sensitivity: 'base' });
  assert.deepEqual(names, [...names].sort(collator.compare), 'sorted by last name, then first name');
  await page.getByTestId('people-list').locator('tr', { hasText: 'Silva, Ana' }).click();
  await page.getByTestId('student-editor').waitFor();
  assert.equal(await page.getByTestId('guardian-0-phone').inputValue(), '07400 100001');
  const layout = await page.evaluate(() => {
    const body = document.querySelector('.admin-body')!.getBoundingClientRect();
    const bar = document.querySelector('.sticky-actions')!.getBoundingClientRect();
    const label = document.querySelector('[data-testid="guardian-0"] .texts-about-label')!.getBoundingClientRect();
    const toggle = document.querySelector('[data-testid="guardian-0"] .texts-about .toggle')!.getBoundingClientRect();
    return { gapBelow: body.bottom - bar.bottom, barLeft: bar.left - body.left, barRight: body.right - bar.right, labelMid: (label.top + label.bottom) / 2, toggleMid: (toggle.top + toggle.bottom) / 2 };
  });
  assert.ok(Math.abs(layout.gapBelow) <= 1, `the save bar sits on the bottom edge (gap ${layout.gapBelow} px)`);
  assert.ok(layout.barLeft <= 1 && layout.barRight <= 1, `the save bar spans the page (${layout.barLeft}, ${layout.barRight})`);
  assert.ok(Math.abs(layout.labelMid - layout.toggleMid) <= 3, `"Texts about:" lines up with its checkboxes (${layout.labelMid} vs ${layout.toggleMid})`);
  await page.screenshot({ path: join(shots, 'student-editor-800.png') });
  await page.locator('[data-testid="guardian-0"] .texts-about').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await page.screenshot({ path: join(shots, 'student-editor-800-guardians.png') });
  // Saving the number as shown keeps it the same guardian number.
  await page.getByTestId('student-save').click();
  await page.getByTestId('people-list').waitFor();
  assert.deepEqual(query("SELECT COUNT(*) AS n FROM guardians WHERE phone_e164 = '+447400100001'"), [{ n: 1 }]);
  assert.deepEqual(errors, []);
});
