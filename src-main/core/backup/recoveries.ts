// Every restore, automatic or asked for, with the window of data it lost. Kept as an append-only
// JSON-lines file beside the database rather than in it: a restore replaces the database, and the
// record of that must outlive it (and a corrupt database cannot hold anything).
import { appendFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncPath, writeFileDurably } from './files.js';

export interface RecoveryIncident {
  kind: 'startup_recovery' | 'manual_restore';
  /** UTC time the problem was found (startup) or the restore was asked for. */
  detectedAt: string;
  reason: 'corrupt' | 'empty' | 'missing' | 'requested';
  detail: string;
  /** Where the bad (or replaced) database was moved, sidecars included. */
  keptAside: string[];
  /** The backup now in use; null when none could be used and the kiosk started with a new database. */
  restoredFrom: string | null;
  backupTakenAt: string | null;
  /**
   * Attendance recorded in this window may be missing from the restored database: from the backup's time to the
   * last write to the replaced file (or to detection, when that is unknown). lostFrom null = everything.
   */
  lostFrom: string | null;
  lostUntil: string;
  /**
   * Attendance rows (check-ins and check-outs) the replaced database held that were recorded after the
   * backup: what the restore really lost. null or absent when the replaced database could not be read.
   */
  attendanceAfterBackup?: number | null;
  /** Backups tried and refused, newest first. */
  rejected: { file: string; problems: string[] }[];
}

export function recoveriesFile(dataDir: string): string {
  return join(dataDir, 'recoveries.jsonl');
}

export function recordRecovery(dataDir: string, incident: RecoveryIncident): void {
  const file = recoveriesFile(dataDir);
  appendFileSync(file, JSON.stringify(incident) + '\n');
  fsyncPath(file);
}

/** All recorded restores, oldest first. A torn last line (power cut while appending) is skipped. */
export function readRecoveries(dataDir: string): RecoveryIncident[] {
  const file = recoveriesFile(dataDir);
  if (!existsSync(file)) return [];
  const out: RecoveryIncident[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as RecoveryIncident);
    } catch {
      continue;
    }
  }
  return out;
}

export function lastRecovery(dataDir: string): RecoveryIncident | null {
  return readRecoveries(dataDir).at(-1) ?? null;
}

// A restore leaves this marker until the afterRestore hooks have run on the restored database, so a
// crash (or a restore done by the command while the kiosk was stopped) still gets them at next start.
function pendingFile(dataDir: string): string {
  return join(dataDir, 'restore-pending.json');
}

export function markRestorePending(dataDir: string, incident: RecoveryIncident): void {
  writeFileDurably(pendingFile(dataDir), JSON.stringify(incident) + '\n');
}

export function pendingRestore(dataDir: string): RecoveryIncident | null {
  const file = pendingFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RecoveryIncident;
  } catch {
    return null;
  }
}

export function clearRestorePending(dataDir: string): void {
  rmSync(pendingFile(dataDir), { force: true });
}
