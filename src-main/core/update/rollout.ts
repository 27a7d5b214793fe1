// Staged rollout by a stable machine id, so a release reaches the same kiosks first every time
// (the pilot entrance, then the rest) instead of electron-updater's random per-install id, which
// changes when a kiosk is reinstalled.
import { createHash } from 'node:crypto';

/** 0..9999, stable for a machine id. */
export function rolloutBucket(machineId: string): number {
  const digest = createHash('sha256').update(`rollcall-rollout\n${machineId.trim().toLowerCase()}`).digest();
  return digest.readUInt32BE(0) % 10_000;
}

/** stagingPercentage from latest.yml (0..100, absent means everyone). */
export function withinRollout(machineId: string, stagingPercentage: number | string | undefined | null): boolean {
  if (stagingPercentage === undefined || stagingPercentage === null || stagingPercentage === '') return true;
  const pct = Number(stagingPercentage);
  if (!Number.isFinite(pct)) return false;
  return rolloutBucket(machineId) < Math.max(0, Math.min(100, pct)) * 100;
}
