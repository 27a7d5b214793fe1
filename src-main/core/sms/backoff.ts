// How long a text waits before its next attempt. Pure, so the policy is a table in the test.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const defaultBackoff: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Doubles from `baseMs` per attempt made so far, capped at `maxMs`, shortened by up to 10% of jitter so
 * kiosks sharing one gateway phone do not retry in step. The gateway's own Retry-After wins when longer.
 * `random` returns [0, 1).
 */
export function retryDelayMs(attempts: number, policy: BackoffPolicy, random: () => number, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = Math.round(exponential * (1 - 0.1 * random()));
  return Math.max(retryAfterMs ?? 0, jittered);
}
