import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inMaintenanceWindow, installDecision } from './maintenance-window.js';
import { decideAtStart, decideOnHealth, type InstallRecord } from './rollback.js';
import { rolloutBucket, withinRollout } from './rollout.js';
import { generateReleaseKeyPair, signRelease, signedPayload, verifyRelease, SIGNATURE_FIELD, type ReleaseInfo } from './release-signature.js';
import { createPresence, withPresence } from './presence.js';
import { manualClock } from '../time/clock.js';

const at = (iso: string) => new Date(iso);

test('the maintenance window is read on the school clock, across midnight and on DST days', () => {
  const table: [string, string, [string, string], boolean, string][] = [
    ['2026-12-07T01:59:00Z', 'Europe/London', ['02:00', '04:00'], false, 'a minute before'],
    ['2026-12-07T02:00:00Z', 'Europe/London', ['02:00', '04:00'], true, 'opening minute'],
    ['2026-12-07T03:59:59Z', 'Europe/London', ['02:00', '04:00'], true, 'last second'],
    ['2026-12-07T04:00:00Z', 'Europe/London', ['02:00', '04:00'], false, 'closed at the end'],
    ['2026-07-07T02:30:00Z', 'Europe/London', ['02:00', '04:00'], true, 'summer: 03:30 BST'],
    ['2026-07-07T03:30:00Z', 'Europe/London', ['02:00', '04:00'], false, 'summer: 04:30 BST'],
    ['2026-03-29T01:00:00Z', 'Europe/London', ['02:00', '04:00'], true, 'spring forward: 01:00 UTC is 02:00 BST'],
    ['2026-03-29T00:30:00Z', 'Europe/London', ['02:00', '04:00'], false, 'spring forward: 00:30 GMT'],
    ['2026-10-25T00:30:00Z', 'Europe/London', ['01:00', '02:00'], true, 'fall back: first 01:30 (BST)'],
    ['2026-10-25T01:30:00Z', 'Europe/London', ['01:00', '02:00'], true, 'fall back: second 01:30 (GMT)'],
    ['2026-12-07T23:30:00Z', 'Europe/London', ['23:00', '01:00'], true, 'crosses midnight: before'],
    ['2026-12-08T00:30:00Z', 'Europe/London', ['23:00', '01:00'], true, 'crosses midnight: after'],
    ['2026-12-08T01:30:00Z', 'Europe/London', ['23:00', '01:00'], false, 'crosses midnight: past the end'],
    ['2026-12-07T16:00:00Z', 'Australia/Sydney', ['02:00', '04:00'], true, 'Sydney 03:00 AEDT'],
    ['2026-12-07T03:00:00Z', 'Europe/London', ['03:00', '03:00'], false, 'an empty window never opens'],
  ];
  for (const [now, tz, win, expected, what] of table) assert.equal(inMaintenanceWindow(at(now), tz, win), expected, what);
});

test('the install waits until nobody has used the kiosk for the quiet period', () => {
  const base = { timezone: 'Europe/London', window: ['02:00', '04:00'] as const, quietMinutes: 30 };
  assert.deepEqual(installDecision({ ...base, now: at('2026-12-07T12:00:00Z'), lastPresenceAt: null }), { install: false, reason: 'outside_window' });
  assert.deepEqual(installDecision({ ...base, now: at('2026-12-07T03:00:00Z'), lastPresenceAt: at('2026-12-07T02:45:00Z') }), { install: false, reason: 'someone_recently_present' });
  assert.deepEqual(installDecision({ ...base, now: at('2026-12-07T03:00:00Z'), lastPresenceAt: at('2026-12-07T02:30:00Z') }), { install: true });
  assert.deepEqual(installDecision({ ...base, now: at('2026-12-07T03:00:00Z'), lastPresenceAt: null }), { install: true });
});

const record: InstallRecord = { from: '1.0.0', to: '1.1.0', installedAt: '2026-12-07T03:00:00.000Z', starts: 0, status: 'installing' };
const policy = { graceMinutes: 10, maxStarts: 3 };

test('after an install the new version is on probation; a crash loop rolls it back', () => {
  const now = at('2026-12-07T03:01:00Z');
  assert.deepEqual(decideAtStart(null, '1.0.0', now, policy), { action: 'none' });
  assert.deepEqual(decideAtStart({ ...record, status: 'confirmed' }, '1.1.0', now, policy), { action: 'none' });
  assert.deepEqual(decideAtStart(record, '1.1.0', now, policy), { action: 'await_health', record: { ...record, starts: 1 }, deadline: at('2026-12-07T03:11:00Z') });
  assert.deepEqual(decideAtStart({ ...record, starts: 3 }, '1.1.0', now, policy), {
    action: 'roll_back', record: { ...record, starts: 4 }, reason: 'version 1.1.0 restarted 4 times without becoming healthy',
  });
  assert.equal(decideAtStart(record, '1.0.0', now, policy).action, 'forget');
});

test('a healthy new version is confirmed; one still unhealthy at the deadline is rolled back', () => {
  const deadline = at('2026-12-07T03:11:00Z');
  assert.deepEqual(decideOnHealth(record, true, at('2026-12-07T03:02:00Z'), deadline), { action: 'confirm', record: { ...record, status: 'confirmed' } });
  assert.deepEqual(decideOnHealth(record, false, at('2026-12-07T03:10:59Z'), deadline), { action: 'wait' });
  assert.equal(decideOnHealth(record, false, at('2026-12-07T03:11:00Z'), deadline).action, 'roll_back');
});

test('rollout buckets are stable per machine and spread evenly', () => {
  assert.equal(rolloutBucket('4f0c8e2a9b'), rolloutBucket('4f0c8e2a9b'));
  assert.equal(rolloutBucket('4F0C8E2A9B\n'), rolloutBucket('4f0c8e2a9b'), 'machine-id file case and newline do not matter');
  const ids = Array.from({ length: 4000 }, (_, i) => `machine-${i}`);
  const share = ids.filter((id) => withinRollout(id, 25)).length / ids.length;
  assert.ok(share > 0.22 && share < 0.28, `25 % rollout reached ${(share * 100).toFixed(1)} %`);
  assert.equal(ids.every((id) => withinRollout(id, 100)), true);
  assert.equal(ids.some((id) => withinRollout(id, 0)), false);
  assert.equal(withinRollout('x', undefined), true, 'no stagingPercentage: everyone');
  assert.equal(withinRollout('x', '100'), true, 'yaml may give a string');
  assert.equal(withinRollout('x', 'lots'), false);
  const early = ids.filter((id) => withinRollout(id, 10));
  assert.ok(early.every((id) => withinRollout(id, 50)), 'a kiosk in an early wave stays in every later wave');
});

test('an Ed25519 signature covers the version and every file entry', () => {
  const { publicKeyPem, privateKeyPem } = generateReleaseKeyPair();
  const info: ReleaseInfo = { version: '1.1.0', files: [{ url: 'Rollcall-1.1.0.AppImage', sha512: 'abc==', size: 10 }, { url: 'Rollcall-Setup-1.1.0.exe', sha512: 'def==', size: 20 }] };
  const signed = { ...info, [SIGNATURE_FIELD]: signRelease(info, privateKeyPem) };
  assert.deepEqual(verifyRelease(signed, publicKeyPem), { valid: true });
  const tampered: [string, ReleaseInfo][] = [
    ['version', { ...signed, version: '1.2.0' }],
    ['sha512', { ...signed, files: [{ ...info.files[0]!, sha512: 'xyz==' }, info.files[1]!] }],
    ['size', { ...signed, files: [{ ...info.files[0]!, size: 11 }, info.files[1]!] }],
    ['url', { ...signed, files: [{ ...info.files[0]!, url: 'evil.AppImage' }, info.files[1]!] }],
    ['dropped entry', { ...signed, files: [info.files[0]!] }],
    ['added entry', { ...signed, files: [...info.files, { url: 'x', sha512: 'y' }] }],
  ];
  for (const [what, t] of tampered) assert.deepEqual(verifyRelease(t, publicKeyPem), { valid: false, reason: 'signature does not match the release' }, what);
  assert.deepEqual(verifyRelease(info, publicKeyPem), { valid: false, reason: 'release is not signed' });
  assert.deepEqual(verifyRelease({ ...signed, files: [] }, publicKeyPem), { valid: false, reason: 'release lists no files' });
  assert.deepEqual(verifyRelease(signed, generateReleaseKeyPair().publicKeyPem), { valid: false, reason: 'signature does not match the release' }, 'another key');
  assert.deepEqual(verifyRelease(signed, 'not a key'), { valid: false, reason: 'update.publicKey is not a valid public key' });
  assert.equal(signedPayload({ ...info, [SIGNATURE_FIELD]: 'whatever' }).toString(), signedPayload(info).toString(), 'the signature is not part of what is signed');
});

test('a face, a card or a PIN at the kiosk counts as someone present; status calls do not', async () => {
  const clock = manualClock(at('2026-12-07T08:00:00Z'));
  const presence = createPresence(clock);
  const handlers = withPresence({
    'kiosk:status': () => 'status',
    'kiosk:check-in-card': (req: { code: string }, ctx: { session: string }) => `${req.code}/${ctx.session}`,
  } as Record<string, (...args: never[]) => unknown>, presence);
  handlers['kiosk:status']!();
  assert.equal(presence.lastSeenAt(), null);
  clock.advance(60_000);
  assert.equal((handlers['kiosk:check-in-card'] as (r: { code: string }, c: { session: string }) => string)({ code: 'QR1' }, { session: 's' }), 'QR1/s', 'request and context pass through');
  assert.deepEqual(presence.lastSeenAt(), at('2026-12-07T08:01:00Z'));
});

test('the machine id comes from /etc/machine-id where there is one, else from an id made once and kept', async () => {
  const { stableMachineId } = await import('./machine-id.js');
  const { tempDir } = await import('../../test-support/temp-dir.js');
  const { writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = tempDir();
  writeFileSync(join(dir, 'machine-id'), '4f0c8e2a9b\n');
  assert.equal(stableMachineId({ candidates: [join(dir, 'machine-id')], fallbackFile: join(dir, 'data', 'id') }), '4f0c8e2a9b');
  const made = stableMachineId({ candidates: [join(dir, 'absent')], fallbackFile: join(dir, 'data', 'id') });
  assert.match(made, /^[0-9a-f-]{36}$/);
  assert.equal(stableMachineId({ candidates: [join(dir, 'absent')], fallbackFile: join(dir, 'data', 'id') }), made);
});

test('on Windows every installed installer is kept, and a rollback runs the previous one silently', async () => {
  const { keptInstaller } = await import('./kept-installer.js');
  const { tempDir } = await import('../../test-support/temp-dir.js');
  const { existsSync, readdirSync, writeFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const dir = tempDir();
  const runs: [string, string[]][] = [];
  let installs = 0;
  const installer = keptInstaller({ rollbackDir: join(dir, 'rollback'), quitAndInstall: () => { installs++; }, runInstaller: (f, a) => { runs.push([f, a]); } });
  writeFileSync(join(dir, 'Rollcall-Setup-1.1.0.exe'), 'v1.1.0');
  assert.equal(await installer.install(join(dir, 'Rollcall-Setup-1.1.0.exe'), { from: '1.0.0', to: '1.1.0' }), 'installer-restarts');
  assert.equal(installs, 1);
  assert.equal(await installer.restorePrevious('1.0.0'), 'unavailable', 'a hand-installed first version has no kept installer');
  writeFileSync(join(dir, 'Rollcall-Setup-1.2.0.exe'), 'v1.2.0');
  await installer.install(join(dir, 'Rollcall-Setup-1.2.0.exe'), { from: '1.1.0', to: '1.2.0' });
  writeFileSync(join(dir, 'Rollcall-Setup-1.3.0.exe'), 'v1.3.0');
  await installer.install(join(dir, 'Rollcall-Setup-1.3.0.exe'), { from: '1.2.0', to: '1.3.0' });
  assert.deepEqual(readdirSync(join(dir, 'rollback')).sort(), ['installer-1.2.0.exe', 'installer-1.3.0.exe'], 'only the running and the previous version are kept');
  assert.equal(await installer.restorePrevious('1.2.0'), 'installer-restarts');
  assert.deepEqual(runs, [[join(dir, 'rollback', 'installer-1.2.0.exe'), ['/S', '--force-run']]]);
  assert.equal(existsSync(join(dir, 'rollback', 'installer-1.1.0.exe')), false);
});
