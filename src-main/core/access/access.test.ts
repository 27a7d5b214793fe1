import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { createAuditLog, verifyAuditLog } from '../audit/audit-log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { checkChannelAccess, roleCovers } from './authorize.js';
import { afterFailure, isLocked, lockMinutesFor, unlocked, type LockoutState } from './lockout.js';
import { isIdleExpired } from './sessions.js';
import { createAdminAccess, resetAdminPins } from './admin-access.js';
import { setupCodeIn } from './setup-code.js';
import { existsSync, readFileSync, statSync } from 'node:fs';

const policy = { maxAttempts: 5, lockMinutes: 1, maxLockMinutes: 60, idleMinutes: 5 };
const T0 = new Date('2026-12-07T07:55:00Z');

test('IT may do everything office may, office may not do what IT may', () => {
  assert.equal(roleCovers('it', 'office'), true);
  assert.equal(roleCovers('it', 'it'), true);
  assert.equal(roleCovers('office', 'office'), true);
  assert.equal(roleCovers('office', 'it'), false);
});

test('a kiosk channel needs no session, an office channel needs one, an IT channel refuses office with 403', () => {
  assert.deepEqual(checkChannelAccess(undefined, null), { ok: true });
  assert.equal(checkChannelAccess('office', null).ok, false);
  assert.equal((checkChannelAccess('office', null) as { status: number }).status, 401);
  assert.deepEqual(checkChannelAccess('office', { token: 't', role: 'office' }), { ok: true });
  assert.equal((checkChannelAccess('it', { token: 't', role: 'office' }) as { status: number }).status, 403);
  assert.deepEqual(checkChannelAccess('it', { token: 't', role: 'it' }), { ok: true });
});

test('the fifth wrong PIN locks for a minute, and each further lock lasts twice as long up to the cap', () => {
  let s: LockoutState = unlocked;
  for (let i = 0; i < 4; i++) s = afterFailure(s, T0, policy);
  assert.equal(isLocked(s, T0), false);
  s = afterFailure(s, T0, policy);
  assert.deepEqual(s.lockedUntil, new Date(T0.getTime() + 60_000));
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => lockMinutesFor(n, policy)), [1, 2, 4, 8, 16, 32, 60, 60]);
  const later = new Date(T0.getTime() + 61_000);
  assert.equal(isLocked(s, later), false);
  for (let i = 0; i < 5; i++) s = afterFailure(s, later, policy);
  assert.deepEqual(s.lockedUntil, new Date(later.getTime() + 2 * 60_000));
});

test('a session idle for the configured minutes has expired, one a second younger has not', () => {
  const last = T0;
  assert.equal(isIdleExpired(last, new Date(T0.getTime() + 5 * 60_000 - 1000), 5), false);
  assert.equal(isIdleExpired(last, new Date(T0.getTime() + 5 * 60_000), 5), true);
});

function setUpAccess() {
  const dir = tempDir();
  const clock = manualClock(T0);
  const db = openDatabase(join(dir, 'rollcall.db'), { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  let counter = 0;
  const random = (n: number) => Buffer.alloc(n, ++counter);
  const setupCode = setupCodeIn(dir, random);
  const access = createAdminAccess({ db, audit, clock, policy: () => policy, timezone: () => 'Europe/London', random, setupCode });
  // What IT reads from <data>/setup-code.txt.
  const code = () => setupCode.ensure();
  return { db, clock, audit, access, setupCode, code, dir };
}

test('first run: no PINs, setup creates both and signs in as IT; a second setup is refused', () => {
  const { access, db, code } = setUpAccess();
  assert.equal(access.status({ session: null }).setUp, false);
  assert.deepEqual(access.login({ pin: '123456' }), { ok: false, reason: 'not_set_up' });
  const r = access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' });
  assert.equal(r.ok && r.role, 'it');
  assert.equal(access.status({ session: null }).setUp, true);
  assert.deepEqual(access.setup({ setupCode: code(), itPin: '111111', officePin: '222222' }), { ok: false, reason: 'already_set_up' });
  const stored = db.prepare('SELECT pin_hash FROM admin_pins').all() as { pin_hash: string }[];
  assert.ok(stored.every((s) => s.pin_hash.startsWith('scrypt$') && !s.pin_hash.includes('908172')));
});

test('each PIN signs in with its own role, and the session token is held by the core', () => {
  const { access, code } = setUpAccess();
  access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' });
  const office = access.login({ pin: '246810' });
  assert.equal(office.ok && office.role, 'office');
  const token = office.ok ? office.token : '';
  assert.deepEqual(access.sessions.session(token), { token, role: 'office' });
  access.logout({ session: { token, role: 'office' } });
  assert.equal(access.sessions.session(token), null);
});

test('five wrong PINs lock the screen, even the right PIN is refused until the lock ends, and it is all audited', () => {
  const { access, clock, audit, db, code } = setUpAccess();
  access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' });
  const answers = [1, 2, 3, 4, 5].map(() => access.login({ pin: '000000' }));
  assert.deepEqual(answers.slice(0, 4).map((a) => !a.ok && a.reason === 'wrong_pin' && a.attemptsLeft), [4, 3, 2, 1]);
  assert.equal(answers[4]!.reason, 'locked');
  assert.equal(access.login({ pin: '246810' }).reason, 'locked');
  clock.advance(60_000);
  assert.equal(access.login({ pin: '246810' }).reason, 'signed_in');
  const actions = audit.list({ limit: 20 }).map((e) => e.action).reverse();
  assert.deepEqual(actions, [
    'admin.pin_setup', 'admin.login',
    'admin.login_failed', 'admin.login_failed', 'admin.login_failed', 'admin.login_failed', 'admin.login_failed', 'admin.lockout',
    'admin.login_refused_locked', 'admin.login',
  ]);
  assert.equal(verifyAuditLog(db).ok, true);
});

test('the lock survives a restart of the core', () => {
  const { access, db, audit, clock, setupCode, code } = setUpAccess();
  access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' });
  for (let i = 0; i < 5; i++) access.login({ pin: '000000' });
  const again = createAdminAccess({ db, audit, clock, policy: () => policy, timezone: () => 'Europe/London', setupCode });
  assert.equal(again.login({ pin: '246810' }).reason, 'locked');
});

test('an idle session ends after the configured minutes', () => {
  const { access, clock, code } = setUpAccess();
  const r = access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' });
  const token = r.ok ? r.token : '';
  clock.advance(4 * 60_000);
  assert.ok(access.sessions.session(token), 'activity inside the idle time keeps it open');
  clock.advance(5 * 60_000);
  assert.equal(access.sessions.session(token), null);
});

test('office changes its own PIN only with the current one; IT resets the office PIN and old office sessions end', () => {
  const { access, audit, code } = setUpAccess();
  const it = access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' });
  const officeLogin = access.login({ pin: '246810' });
  const office = { session: { token: officeLogin.ok ? officeLogin.token : '', role: 'office' as const } };
  const itCtx = { session: { token: it.ok ? it.token : '', role: 'it' as const } };
  assert.equal(access.changePin({ role: 'office', currentPin: '111111', newPin: '135790' }, office).reason, 'wrong_current_pin');
  assert.equal(access.changePin({ role: 'it', newPin: '135790' }, office).reason, 'not_allowed');
  assert.equal(access.changePin({ role: 'office', newPin: '908172' }, itCtx).reason, 'same_as_other_role');
  assert.equal(access.changePin({ role: 'office', newPin: '135790' }, itCtx).reason, 'changed');
  assert.equal(access.sessions.session(office.session.token), null);
  assert.equal(access.login({ pin: '246810' }).reason, 'wrong_pin');
  assert.equal(access.login({ pin: '135790' }).reason, 'signed_in');
  assert.ok(audit.list().some((e) => e.action === 'admin.pin_change' && e.subject === 'role:office' && e.actor === 'it'));
});

test('resetting the PINs (a lost IT PIN) returns the admin screen to first-run setup and clears the lock', () => {
  const { access, db, audit, code, setupCode } = setUpAccess();
  access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' });
  for (let i = 0; i < 5; i++) access.login({ pin: '000000' });
  resetAdminPins(db, audit);
  setupCode.renew();
  assert.deepEqual(access.status({ session: null }).setUp, false);
  assert.equal(access.status({ session: null }).lockedUntil, null);
  assert.equal(access.setup({ setupCode: code(), itPin: '112233', officePin: '445566' }).reason, 'signed_in');
  assert.equal(audit.list({ limit: 3 })[2]!.action, 'admin.pins_reset');
});

test('first-run setup needs the one-time code from the data folder, in a file only the kiosk account can read', () => {
  const { access, dir, code } = setUpAccess();
  const status = access.status({ session: null });
  assert.equal(status.setupCodeFile, join(dir, 'setup-code.txt'));
  assert.equal(statSync(status.setupCodeFile!).mode & 0o777, 0o600);
  assert.match(readFileSync(status.setupCodeFile!, 'utf8'), /^\d{8}$/m);
  assert.deepEqual(access.firstRunSetupCode(), { file: status.setupCodeFile, code: code() });

  // A student who found the admin corner and guesses: refused, and the PINs stay unset.
  assert.deepEqual(access.setup({ setupCode: '12345678', itPin: '111111', officePin: '222222' }), { ok: false, reason: 'wrong_setup_code', attemptsLeft: 4 });
  assert.equal(access.status({ session: null }).setUp, false);

  const r = access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' });
  assert.equal(r.reason, 'signed_in');
  assert.equal(existsSync(status.setupCodeFile!), false, 'the code works once');
  assert.equal(access.status({ session: null }).setupCodeFile, null);
  assert.equal(access.firstRunSetupCode(), null);
});

test('wrong setup codes lock setup like wrong PINs do, even for the right code, until the lock ends', () => {
  const { access, clock, audit, code } = setUpAccess();
  const answers = [1, 2, 3, 4, 5].map(() => access.setup({ setupCode: '00000000', itPin: '111111', officePin: '222222' }));
  assert.deepEqual(answers.slice(0, 4).map((a) => !a.ok && a.reason === 'wrong_setup_code' && a.attemptsLeft), [4, 3, 2, 1]);
  assert.equal(answers[4]!.reason, 'locked');
  assert.equal(access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' }).reason, 'locked');
  clock.advance(60_000);
  assert.equal(access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' }).reason, 'signed_in');
  const actions = audit.list({ limit: 20 }).map((e) => e.action);
  assert.equal(actions.filter((a) => a === 'admin.setup_code_failed').length, 5);
  assert.ok(actions.includes('admin.setup_refused_locked'));
});

// The setup screen checks the code before any PIN is chosen by sending two equal placeholder PINs
// (src-renderer/admin/access/FirstRunSetup.tsx): the code must be judged first, and equal PINs must
// create nothing and leave the code usable.
test('setup with equal PINs judges the code first and sets nothing: a wrong code counts, the right one answers same_pins and still works', () => {
  const { access, code } = setUpAccess();
  assert.deepEqual(access.setup({ setupCode: '12345678', itPin: '000000', officePin: '000000' }), { ok: false, reason: 'wrong_setup_code', attemptsLeft: 4 });
  assert.deepEqual(access.setup({ setupCode: code(), itPin: '000000', officePin: '000000' }), { ok: false, reason: 'same_pins' });
  assert.equal(access.status({ session: null }).setUp, false);
  assert.equal(access.setup({ setupCode: code(), itPin: '908172', officePin: '246810' }).reason, 'signed_in');
});
