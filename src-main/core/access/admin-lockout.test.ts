// A student at the kiosk types five wrong admin PINs: the sign-in locks, but the IT PIN still opens
// it, so neither IT nor (once IT has signed in) the office is kept out for up to an hour.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { createAuditLog } from '../audit/audit-log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createAdminAccess } from './admin-access.js';
import { itLaneWaitSeconds } from './it-lane.js';
import { afterFailure, unlocked } from './lockout.js';
import { setupCodeIn } from './setup-code.js';

const IT_PIN = '908172';
const OFFICE_PIN = '246810';
// A long lock, as after a morning of a student's repeated tries.
const policy = { maxAttempts: 5, lockMinutes: 60, maxLockMinutes: 60, idleMinutes: 5 };
const T = new Date('2026-12-07T07:55:00Z');

function lockedDoor() {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'rollcall.db'));
  const clock = manualClock(T);
  const audit = createAuditLog(db, clock);
  const setupCode = setupCodeIn(dir);
  const open = () => createAdminAccess({ db, audit, clock, policy: () => policy, timezone: () => 'Europe/London', setupCode });
  const access = open();
  access.setup({ setupCode: setupCode.ensure(), itPin: IT_PIN, officePin: OFFICE_PIN });
  for (let i = 0; i < 5; i++) access.login({ pin: '000000' });
  assert.equal(access.login({ pin: OFFICE_PIN }).reason, 'locked', 'the office PIN waits for the lock to end');
  return { db, clock, audit, access, restart: open };
}

test('during a lockout the IT PIN still signs in, and clears the lock so the office PIN works again', () => {
  const { clock, access, audit } = lockedDoor();
  clock.advance(15_000);
  const it = access.login({ pin: IT_PIN });
  assert.equal(it.ok && it.role, 'it');
  assert.equal(access.status({ session: null }).lockedUntil, null);
  assert.equal(access.login({ pin: OFFICE_PIN }).reason, 'signed_in');
  assert.ok(audit.list({ limit: 5 }).some((e) => e.actor === 'it' && e.action === 'admin.login' && e.details.duringLockout === true));
});

test('the locked screen says the IT PIN can be tried now', () => {
  const { access } = lockedDoor();
  const status = access.status({ session: null });
  assert.equal(status.retryAfterSeconds, 3600);
  // The office PIN typed in lockedDoor() was one try at the IT lane.
  assert.equal(status.itPinInSeconds, 15);
});

test('guessing at the IT PIN during a lockout gets one try per interval, doubling up to 5 minutes, kept across a restart', () => {
  const { clock, access, restart } = lockedDoor();
  assert.deepEqual([1, 2, 3, 4, 5, 6, 7].map(itLaneWaitSeconds), [15, 30, 60, 120, 240, 300, 300]);
  const refused = access.login({ pin: IT_PIN });
  assert.ok(!refused.ok && refused.reason === 'locked' && refused.itPinInSeconds === 15, 'inside the wait even the IT PIN is not tried');
  clock.advance(15_000);
  const wrong = access.login({ pin: '111111' });
  assert.ok(!wrong.ok && wrong.reason === 'locked' && wrong.itPinInSeconds === 30);
  clock.advance(20_000);
  const again = restart().login({ pin: IT_PIN });
  assert.ok(!again.ok && again.reason === 'locked' && again.itPinInSeconds === 10, 'a restart gives no fresh try');
  clock.advance(10_000);
  assert.equal(restart().login({ pin: IT_PIN }).reason, 'signed_in');
});

test('the office PIN does not open a locked sign-in', () => {
  const { clock, access } = lockedDoor();
  clock.advance(15_000);
  assert.equal(access.login({ pin: OFFICE_PIN }).reason, 'locked');
});

test('a lock that ran out more than a day ago does not make the next lock longer', () => {
  const short = { maxAttempts: 5, lockMinutes: 1, maxLockMinutes: 60 };
  let s = afterFailure(afterFailure(afterFailure(afterFailure(afterFailure(unlocked, T, short), T, short), T, short), T, short), T, short);
  assert.equal(s.lockouts, 1);
  const nextWeek = new Date(T.getTime() + 7 * 24 * 3600_000);
  for (let i = 0; i < 5; i++) s = afterFailure(s, nextWeek, short);
  assert.deepEqual(s.lockedUntil, new Date(nextWeek.getTime() + 60_000), 'one minute, as the first lock of a run');
  const soonAfter = new Date(nextWeek.getTime() + 2 * 60_000);
  for (let i = 0; i < 5; i++) s = afterFailure(s, soonAfter, short);
  assert.deepEqual(s.lockedUntil, new Date(soonAfter.getTime() + 2 * 60_000), 'within the run it still doubles');
});
