// Whether the version that just started may stay. An install is recorded before the restart; the
// new version then has a grace period to prove itself healthy (core up, renderer heartbeating).
// If it does not, or keeps dying before it can, the previous version is put back.
export interface InstallRecord {
  from: string;
  to: string;
  installedAt: string;
  /** How often `to` has started without being confirmed. */
  starts: number;
  status: 'installing' | 'confirmed' | 'rolled_back';
}

export interface RollbackPolicy {
  graceMinutes: number;
  /** Starts of the new version without a confirmation before it counts as a crash loop. */
  maxStarts: number;
}

export type StartDecision =
  | { action: 'none' }
  | { action: 'await_health'; record: InstallRecord; deadline: Date }
  | { action: 'roll_back'; record: InstallRecord; reason: string }
  /** The install never took effect (the old version is running): forget it, try again later. */
  | { action: 'forget'; reason: string };

export function decideAtStart(record: InstallRecord | null, runningVersion: string, now: Date, policy: RollbackPolicy): StartDecision {
  if (!record || record.status !== 'installing') return { action: 'none' };
  if (runningVersion === record.to) {
    const next = { ...record, starts: record.starts + 1 };
    if (next.starts > policy.maxStarts) return { action: 'roll_back', record: next, reason: `version ${record.to} restarted ${next.starts} times without becoming healthy` };
    return { action: 'await_health', record: next, deadline: new Date(now.getTime() + policy.graceMinutes * 60_000) };
  }
  return { action: 'forget', reason: `version ${record.to} was not installed; ${runningVersion} is running` };
}

export type HealthDecision = { action: 'confirm'; record: InstallRecord } | { action: 'wait' } | { action: 'roll_back'; record: InstallRecord; reason: string };

export function decideOnHealth(record: InstallRecord, healthy: boolean, now: Date, deadline: Date): HealthDecision {
  if (healthy) return { action: 'confirm', record: { ...record, status: 'confirmed' } };
  if (now.getTime() >= deadline.getTime()) return { action: 'roll_back', record, reason: `version ${record.to} was not healthy within the grace period` };
  return { action: 'wait' };
}
