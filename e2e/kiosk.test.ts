// The main job on real input: students walk up to the kiosk (a fake camera playing real photos),
// are recognised, checked in and their guardians texted, through the serve host, a real SQLite file
// and a fake SMS gateway that follows the documented protocol.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, extname } from 'node:path';
import type { Browser, Page, Request } from 'playwright';
import Database from 'better-sqlite3';
import { launchChromium } from '../src-main/cli/chromium.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { face, missingFixtures, repoRoot } from './support/fixtures.js';
import { fakeCameraArgs, makeCameraClip, type Clip, type Scene } from './support/camera-clip.js';
import { runScript, startServe, type ServeProcess } from './support/serve-process.js';
import { startFakeAndroidGateway, type FakeAndroidGateway } from './fakes/android-sms-gateway.js';
import { makeQrImage } from './support/qr-image.js';
import { faceModeConfig, recordFaceConsent } from './support/face-consent.js';

const skip = missingFixtures();

// Six enrolled students (two photos each), four of whom walk past the camera with a photo the
// kiosk has never seen, and two people who are not enrolled at all.
const ENROLLED = [
  { number: '1001', first: 'Ana', last: 'Silva', id: 'df03', phone: '07400 100001' },
  { number: '1002', first: 'Ben', last: 'Okafor', id: 'df04', phone: '07400 100002' },
  { number: '1003', first: 'Chloé', last: 'Martin', id: 'df06', phone: '07400 100003' },
  { number: '1004', first: 'Dev', last: 'Patel', id: 'df07', phone: '07400 100004' },
  { number: '1005', first: 'Eve', last: 'Novak', id: 'df12', phone: '07400 100005' },
  { number: '1006', first: 'Finn', last: 'Byrne', id: 'df01', phone: '07400 100006' },
];
// Enrolled in the roster but without face consent: checks in by PIN only.
const PIN_ONLY = { number: '1007', first: 'Gus', last: 'Ward', phone: '07400 100007', pin: '4821' };
const WALKERS = ENROLLED.slice(0, 4);
const STRANGERS = ['df10', 'fr04'];
const PASSWORD = 'gate-pass-1';
// Monday 7 December 2026, 07:05 in London: inside the morning check-in window, on time.
const NOW = '2026-12-07T07:05:00Z';

const dir = tempDir('rollcall-e2e-');
const dataDir = join(dir, 'data');
// The template key lives outside the data folder, as in a real deployment.
const keyFile = join(dir, 'keys', 'template.key');
let gateway: FakeAndroidGateway;
let serve: ServeProcess;
let browsers: Browser[] = [];

before(async () => {
  if (skip) return;
  const photos = join(dir, 'photos');
  const rows = ['student_number,first_name,last_name,class,guardian_name,guardian_phone,pin'];
  for (const s of ENROLLED) {
    rows.push(`${s.number},${s.first},${s.last},7A,Parent of ${s.first},${s.phone},`);
    mkdirSync(join(photos, s.number), { recursive: true });
    for (const n of ['1', '2']) copyFileSync(face(s.id, `${n}.jpg`), join(photos, s.number, `${n}${extname(face(s.id, `${n}.jpg`))}`));
  }
  rows.push(`${PIN_ONLY.number},${PIN_ONLY.first},${PIN_ONLY.last},7B,Parent of ${PIN_ONLY.first},${PIN_ONLY.phone},${PIN_ONLY.pin}`);
  writeFileSync(join(dir, 'roster.csv'), rows.join('\n') + '\n');
  // As a school does it: the roster, then the signed consent forms, then the photos.
  const imported = await runScript('src-main/cli/import.ts', ['--data-dir', dataDir, '--roster', join(dir, 'roster.csv')]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /Imported 7 students: 7 new/);
  recordFaceConsent(join(dataDir, 'rollcall.db'), ENROLLED.map((s) => s.number));
  const enrolled = await runScript('src-main/cli/import.ts', ['--data-dir', dataDir, '--roster', join(dir, 'roster.csv'), '--photos', photos, '--key-file', keyFile]);
  assert.equal(enrolled.code, 0, enrolled.stderr);
  assert.match(enrolled.stdout, /7 unchanged/);
  assert.match(enrolled.stdout, /face templates 12 added/);

  gateway = await startFakeAndroidGateway({ username: 'sms', password: PASSWORD });
  writeFileSync(
    join(dir, 'school.json'),
    JSON.stringify({
      school: { name: 'Hill School', timezone: 'Europe/London', country: 'GB', locale: 'en-GB' },
      ...faceModeConfig,
      sms: { provider: 'android-gateway-local', androidGateway: { url: gateway.url, username: 'sms', password: PASSWORD } },
      webhook: { port: 0, host: '127.0.0.1' },
    }),
  );
  serve = await startServe(['--data-dir', dataDir, '--config', join(dir, 'school.json'), '--key-file', keyFile, '--now', NOW]);
});

after(async () => {
  for (const b of browsers) await b.close();
  await serve?.stop();
  await gateway?.close();
});

/** Opens the kiosk in a Chromium whose camera plays the clip; records every request the page makes. */
async function openKiosk(clip: Clip) {
  const browser = await launchChromium(fakeCameraArgs(clip));
  browsers.push(browser);
  const context = await browser.newContext({ viewport: { width: 1080, height: 1920 } });
  const requests: string[] = [];
  const heartbeats: Array<{ mediaSeconds: number; fps: number }> = [];
  context.on('request', (r: Request) => {
    requests.push(r.url());
    if (r.url().endsWith('/api/invoke/kiosk:heartbeat')) heartbeats.push(JSON.parse(r.postData() ?? '{}'));
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(serve.url);
  return { page, requests, heartbeats, errors };
}

/** Waits until the kiosk's camera has played `seconds` of media, as its heartbeat reports. */
async function cameraTimePassed(page: Page, heartbeats: Array<{ mediaSeconds: number }>, seconds: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!heartbeats.some((h) => h.mediaSeconds >= seconds)) {
    if (Date.now() > deadline) throw new Error(`camera reached only ${Math.max(0, ...heartbeats.map((h) => h.mediaSeconds))} s of ${seconds} s`);
    await page.waitForRequest((r) => r.url().endsWith('/api/invoke/kiosk:heartbeat'), { timeout: timeoutMs });
  }
}

function attendance() {
  const db = new Database(join(dataDir, 'rollcall.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT s.student_number AS number, s.first_name AS first, a.kind, a.status, a.method FROM attendance a JOIN students s ON s.id = a.student_id ORDER BY a.id')
      .all() as Array<{ number: string; first: string; kind: string; status: string; method: string }>;
  } finally {
    db.close();
  }
}

test('four enrolled students are checked in by face, the two strangers are not, and each guardian gets one text', { skip, timeout: 240_000 }, async () => {
  const scenes: Scene[] = [];
  for (const w of WALKERS) scenes.push({ image: face(w.id, '3.jpg'), seconds: 3 }, { image: 'blank', seconds: 1 });
  for (const s of STRANGERS) scenes.push({ image: face(s, '1.jpg'), seconds: 3 }, { image: 'blank', seconds: 1 });
  const clip = makeCameraClip(join(dir, 'walk-past.y4m'), scenes);
  const { page, requests, heartbeats, errors } = await openKiosk(clip);

  const greeting = page.getByTestId('greeting').and(page.locator('[data-outcome="recorded"]'));
  await greeting.first().waitFor({ timeout: 90_000 });
  mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
  await page.screenshot({ path: join(repoRoot, 'test-results', 'kiosk-greeting.png') });
  assert.match((await greeting.first().textContent()) ?? '', /Good morning, (Ana|Ben|Chloé|Dev)/);

  // Two full plays of the clip: every person has been in front of the camera at least twice.
  await cameraTimePassed(page, heartbeats, 2 * clip.durationSeconds + 1, 150_000);
  await gateway.waitForMessages(4, 30_000);

  const rows = attendance();
  assert.deepEqual(rows.map((r) => r.first).sort(), WALKERS.map((w) => w.first).sort());
  assert.ok(rows.every((r) => r.kind === 'check_in' && r.status === 'on_time' && r.method === 'face'));

  assert.equal(gateway.received.length, 4);
  for (const w of WALKERS) {
    const phone = `+44${w.phone.replace(/\s/g, '').slice(1)}`;
    const texts = gateway.received.filter((m) => m.phoneNumbers.join() === phone).map((m) => m.text);
    assert.equal(texts.length, 1, `${w.first}'s guardian`);
    assert.match(texts[0]!, new RegExp(`^Good day! Your child ${w.first} ${w.last} has checked in at \\d\\d:\\d\\d\\. - Hill School$`));
  }
  for (const s of ENROLLED.slice(4)) assert.ok(!gateway.received.some((m) => m.text.includes(s.first)));

  const origin = new URL(serve.url).origin;
  const foreign = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
  assert.deepEqual(foreign, [], 'the kiosk page made requests to other hosts');
  assert.deepEqual(errors, []);
});

test('a student who stays in front of the camera for 30 seconds is checked in and texted once', { skip, timeout: 360_000 }, async () => {
  const eve = ENROLLED[4]!;
  const clip = makeCameraClip(join(dir, 'lingers.y4m'), [{ image: face(eve.id, '3.jpg'), seconds: 32 }]);
  const before = gateway.received.length;
  const { page, heartbeats } = await openKiosk(clip);
  // The fake camera plays its file slower than real time on a loaded 2-core machine; wait on media time.
  await cameraTimePassed(page, heartbeats, 31, 300_000);
  await gateway.waitForMessages(before + 1, 30_000);
  assert.equal(attendance().filter((r) => r.first === eve.first).length, 1);
  assert.equal(gateway.received.filter((m) => m.text.includes(eve.first)).length, 1);
});

test('a student checks in by showing a QR card with their student number', { skip, timeout: 120_000 }, async () => {
  const finn = ENROLLED[5]!;
  const qr = join(dir, 'card.png');
  await makeQrImage(qr, finn.number);
  const clip = makeCameraClip(join(dir, 'card.y4m'), [{ image: qr, seconds: 4 }]);
  const { page } = await openKiosk(clip);
  const greeting = page.getByTestId('greeting').and(page.locator('[data-outcome="recorded"]'));
  await greeting.waitFor({ timeout: 60_000 });
  assert.match((await greeting.textContent()) ?? '', /Finn/);
  const row = attendance().find((r) => r.number === finn.number);
  assert.equal(row?.method, 'qr');
});

test('a student without face enrolment checks in with their number and PIN on the on-screen keypad', { skip, timeout: 120_000 }, async () => {
  const clip = makeCameraClip(join(dir, 'empty.y4m'), [{ image: 'blank', seconds: 2 }]);
  const { page } = await openKiosk(clip);
  await page.getByTestId('pin-button').click();
  for (const d of PIN_ONLY.number) await page.getByTestId(`key-${d}`).click();
  await page.getByTestId('key-ok').click();
  for (const d of PIN_ONLY.pin) await page.getByTestId(`key-${d}`).click();
  await page.getByTestId('key-ok').click();
  const greeting = page.getByTestId('greeting');
  await greeting.waitFor({ timeout: 20_000 });
  assert.equal(await greeting.getAttribute('data-outcome'), 'recorded');
  assert.match((await greeting.textContent()) ?? '', /Gus/);
  assert.equal(attendance().find((r) => r.number === PIN_ONLY.number)?.method, 'pin');
});
