// Wrong admin PINs: after `maxAttempts` in a row the screen locks, and each lock in an unbroken run of
// failures lasts twice the one before (capped), so guessing a 6-digit PIN takes years, not minutes.
// Pure: the state is stored by the caller, the instant is passed in.

export interface LockoutPolicy {
  maxAttempts: number;
  lockMinutes: number;
  maxLockMinutes: number;
}

export interface LockoutState {
  /** Wrong PINs since the last lock or success. */
  failures: number;
  /** Locks since the last success; sets how long the next one lasts. */
  lockouts: number;
  lockedUntil: Date | null;
}

export const unlocked: LockoutState = { failures: 0, lockouts: 0, lockedUntil: null };

/**
 * A run of locks ends a day after the last one ran out: otherwise a few stray locks over a term, with
 * nobody signing in between, would make the next five wrong PINs lock the office out for the full cap.
 */
const RUN_FORGOTTEN_MS = 24 * 60 * 60_000;

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && now < state.lockedUntil;
}

/** Minutes the n-th lock in a run lasts (n from 1). */
export function lockMinutesFor(n: number, policy: LockoutPolicy): number {
  return Math.min(policy.maxLockMinutes, policy.lockMinutes * 2 ** Math.max(0, n - 1));
}

export function afterFailure(state: LockoutState, now: Date, policy: LockoutPolicy): LockoutState {
  const failures = state.failures + 1;
  if (failures < policy.maxAttempts) return { ...state, failures };
  const runOver = state.lockedUntil !== null && now.getTime() - state.lockedUntil.getTime() > RUN_FORGOTTEN_MS;
  const lockouts = (runOver ? 0 : state.lockouts) + 1;
  return { failures: 0, lockouts, lockedUntil: new Date(now.getTime() + lockMinutesFor(lockouts, policy) * 60_000) };
}

export function attemptsLeft(state: LockoutState, policy: LockoutPolicy): number {
  return Math.max(0, policy.maxAttempts - state.failures);
}
