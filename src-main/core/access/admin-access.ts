// The admin screen's door: two PINs (office and IT) stored as scrypt hashes, a lockout after repeated
// wrong PINs, and sessions. Every login, failure, lockout and PIN change goes to the audit log.
//
// Why two role PINs and not one per staff member: a front office shares one desk and one kiosk, the
// issue's roles are exactly two, and a PIN per person would need the account management (leavers,
// resets) that schools already do elsewhere. The audit log records which role acted.
import { randomBytes } from 'node:crypto';
import type { ChangePinResult, LoginResult, Role, SetupResult, AdminStatus, ValidRequestOf } from '../../../src-preload/contract.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';
import { hashSecret, verifyPin } from '../people/pin.js';
import { toSchoolTime } from '../time/school-time.js';
import type { CallContext } from './authorize.js';
import { roleCovers } from './authorize.js';
import { afterFailure, attemptsLeft, isLocked, type LockoutPolicy, type LockoutState } from './lockout.js';
import { createSessionStore } from './sessions.js';
import type { SetupCode } from './setup-code.js';
import { createItLane } from './it-lane.js';

export interface AdminAccessPolicy extends LockoutPolicy {
  idleMinutes: number;
}

export interface AdminAccessDeps {
  db: Db;
  audit: AuditLog;
  clock: Clock;
  policy: () => AdminAccessPolicy;
  /** The school's IANA zone, for telling staff when a lock ends on the school's clock. */
  timezone: () => string;
  /** The one-time code first-run setup needs (src-main/core/access/setup-code.ts). */
  setupCode: SetupCode;
  random?: (n: number) => Buffer;
}

export function createAdminAccess(deps: AdminAccessDeps) {
  const { db, audit, clock } = deps;
  const random = deps.random ?? randomBytes;
  const sessions = createSessionStore({ clock, random, idleMinutes: () => deps.policy().idleMinutes });
  const itLane = createItLane(db);

  const pinOf = db.prepare('SELECT pin_hash FROM admin_pins WHERE role = ?');
  const countPins = db.prepare('SELECT COUNT(*) AS n FROM admin_pins');
  const upsertPin = db.prepare(
    'INSERT INTO admin_pins (role, pin_hash, set_at) VALUES (?, ?, ?) ON CONFLICT(role) DO UPDATE SET pin_hash = excluded.pin_hash, set_at = excluded.set_at',
  );
  const readLock = db.prepare('SELECT failures, lockouts, locked_until FROM admin_lockout WHERE id = 1');
  const writeLock = db.prepare('UPDATE admin_lockout SET failures = ?, lockouts = ?, locked_until = ? WHERE id = 1');

  const hashFor = (role: Role) => (pinOf.get(role) as { pin_hash: string } | undefined)?.pin_hash ?? null;
  const setUp = () => (countPins.get() as { n: number }).n === 2;

  function lockState(): LockoutState {
    const r = readLock.get() as { failures: number; lockouts: number; locked_until: string | null };
    return { failures: r.failures, lockouts: r.lockouts, lockedUntil: r.locked_until ? new Date(r.locked_until) : null };
  }
  function saveLock(s: LockoutState) {
    writeLock.run(s.failures, s.lockouts, s.lockedUntil?.toISOString() ?? null);
  }

  /** Which role's PIN this is, if any. Both hashes are always checked so timing does not tell them apart. */
  function roleOfPin(pin: string): Role | null {
    const it = hashFor('it');
    const office = hashFor('office');
    const isIt = it !== null && verifyPin(pin, it);
    const isOffice = office !== null && verifyPin(pin, office);
    return isIt ? 'it' : isOffice ? 'office' : null;
  }

  function signIn(role: Role) {
    const s = sessions.open(role);
    return { ok: true as const, reason: 'signed_in' as const, role, token: s.token, idleMinutes: deps.policy().idleMinutes };
  }

  return {
    sessions,

    status(ctx: CallContext): AdminStatus {
      const lock = lockState();
      const now = clock.now();
      const until = isLocked(lock, now) ? lock.lockedUntil! : null;
      return {
        setUp: setUp(),
        lockedUntil: until?.toISOString() ?? null,
        lockedUntilLocal: until ? toSchoolTime(until, deps.timezone()).hhmm : null,
        retryAfterSeconds: until ? secondsBetween(now, until) : 0,
        ...(until ? { itPinInSeconds: itLane.waitSeconds(now) } : {}),
        idleMinutes: deps.policy().idleMinutes,
        session: ctx.session ? { role: ctx.session.role } : null,
        setupCodeFile: setUp() ? null : (deps.setupCode.ensure(), deps.setupCode.file),
      };
    },

    /** At start: before setup, makes sure the code exists and says where (for the log). */
    firstRunSetupCode(): { file: string; code: string } | null {
      return setUp() ? null : { file: deps.setupCode.file, code: deps.setupCode.ensure() };
    },

    setup(req: ValidRequestOf<'admin:setup-pin'>): SetupResult {
      if (setUp()) return { ok: false, reason: 'already_set_up' };
      const now = clock.now();
      const lock = lockState();
      if (isLocked(lock, now)) {
        audit.append({ actor: 'unknown', action: 'admin.setup_refused_locked', details: { lockedUntil: lock.lockedUntil!.toISOString() } });
        return locked(lock.lockedUntil!, now);
      }
      if (!deps.setupCode.matches(req.setupCode)) {
        const policy = deps.policy();
        const next = afterFailure(lock, now, policy);
        saveLock(next);
        audit.append({ actor: 'unknown', action: 'admin.setup_code_failed', details: { failures: next.failures || policy.maxAttempts } });
        if (isLocked(next, now)) {
          audit.append({ actor: 'system', action: 'admin.lockout', details: { lockedUntil: next.lockedUntil!.toISOString(), lockNumber: next.lockouts } });
          return locked(next.lockedUntil!, now);
        }
        return { ok: false, reason: 'wrong_setup_code', attemptsLeft: attemptsLeft(next, policy) };
      }
      if (req.itPin === req.officePin) return { ok: false, reason: 'same_pins' };
      const at = now.toISOString();
      const done = db.transaction(() => {
        if ((countPins.get() as { n: number }).n > 0) return false;
        upsertPin.run('it', hashSecret(req.itPin, random), at);
        upsertPin.run('office', hashSecret(req.officePin, random), at);
        audit.append({ actor: 'it', action: 'admin.pin_setup', details: { roles: ['it', 'office'] } });
        return true;
      })();
      if (!done) return { ok: false, reason: 'already_set_up' };
      deps.setupCode.consume();
      saveLock({ failures: 0, lockouts: 0, lockedUntil: null });
      audit.append({ actor: 'it', action: 'admin.login' });
      return signIn('it');
    },

    login(req: ValidRequestOf<'admin:login'>): LoginResult {
      if (!setUp()) return { ok: false, reason: 'not_set_up' };
      const now = clock.now();
      const lock = lockState();
      if (isLocked(lock, now)) {
        const it = itLane.attempt(now, () => {
          const hash = hashFor('it');
          return hash !== null && verifyPin(req.pin, hash);
        });
        if (it.ok) {
          saveLock({ failures: 0, lockouts: 0, lockedUntil: null });
          audit.append({ actor: 'it', action: 'admin.login', details: { duringLockout: true } });
          return signIn('it');
        }
        audit.append({ actor: 'unknown', action: 'admin.login_refused_locked', details: { lockedUntil: lock.lockedUntil!.toISOString(), itPinTried: it.tried } });
        return locked(lock.lockedUntil!, now, it.waitSeconds);
      }
      const role = roleOfPin(req.pin);
      if (role) {
        saveLock({ failures: 0, lockouts: 0, lockedUntil: null });
        itLane.reset();
        audit.append({ actor: role, action: 'admin.login' });
        return signIn(role);
      }
      const policy = deps.policy();
      const next = afterFailure(lock, now, policy);
      saveLock(next);
      audit.append({ actor: 'unknown', action: 'admin.login_failed', details: { failures: next.failures || policy.maxAttempts } });
      if (isLocked(next, now)) {
        audit.append({
          actor: 'system',
          action: 'admin.lockout',
          details: { lockedUntil: next.lockedUntil!.toISOString(), lockNumber: next.lockouts },
        });
        return locked(next.lockedUntil!, now, itLane.waitSeconds(now));
      }
      return { ok: false, reason: 'wrong_pin', attemptsLeft: attemptsLeft(next, policy) };
    },

    logout(ctx: CallContext): { ok: true } {
      const s = sessions.close(ctx.session?.token);
      if (s) audit.append({ actor: s.role, action: 'admin.logout' });
      return { ok: true };
    },

    changePin(req: ValidRequestOf<'admin:change-pin'>, ctx: CallContext): ChangePinResult {
      const me = ctx.session;
      if (!me || !roleCovers(me.role, req.role)) return { ok: false, reason: 'not_allowed' };
      // Your own PIN needs the current one (an unattended, signed-in screen must not hand it over);
      // IT resetting the office PIN does not, which is how a forgotten office PIN is recovered.
      if (req.role === me.role) {
        const current = hashFor(me.role);
        if (!current || !req.currentPin || !verifyPin(req.currentPin, current)) {
          audit.append({ actor: me.role, action: 'admin.pin_change_refused', subject: `role:${req.role}`, details: { reason: 'wrong_current_pin' } });
          return { ok: false, reason: 'wrong_current_pin' };
        }
      }
      const other = hashFor(req.role === 'it' ? 'office' : 'it');
      if (other && verifyPin(req.newPin, other)) return { ok: false, reason: 'same_as_other_role' };
      db.transaction(() => {
        upsertPin.run(req.role, hashSecret(req.newPin, random), clock.now().toISOString());
        audit.append({ actor: me.role, action: 'admin.pin_change', subject: `role:${req.role}` });
      })();
      sessions.closeRole(req.role, me.token);
      return { ok: true, reason: 'changed' };
    },
  };

  function locked(until: Date, now: Date, itPinInSeconds?: number): Extract<LoginResult, { reason: 'locked' }> {
    return {
      ok: false,
      reason: 'locked',
      ...(itPinInSeconds === undefined ? {} : { itPinInSeconds }),
      lockedUntil: until.toISOString(),
      lockedUntilLocal: toSchoolTime(until, deps.timezone()).hhmm,
      retryAfterSeconds: secondsBetween(now, until),
    };
  }
}

const secondsBetween = (from: Date, to: Date) => Math.max(0, Math.ceil((to.getTime() - from.getTime()) / 1000));

export type AdminAccess = ReturnType<typeof createAdminAccess>;

/**
 * Forgets both admin PINs and the lock, so the next visit to the admin screen is first-run setup.
 * For a lost IT PIN; it needs access to the kiosk's data folder, which is the real proof of being IT.
 */
export function resetAdminPins(db: Db, audit: AuditLog): void {
  db.transaction(() => {
    db.prepare('DELETE FROM admin_pins').run();
    db.prepare('UPDATE admin_lockout SET failures = 0, lockouts = 0, locked_until = NULL WHERE id = 1').run();
    db.prepare('UPDATE admin_it_lane SET failures = 0, next_try_at = NULL WHERE id = 1').run();
    audit.append({ actor: 'system', action: 'admin.pins_reset' });
  })();
}
