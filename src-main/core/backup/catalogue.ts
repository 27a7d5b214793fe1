// The published backups in <data>/backups/: `rollcall-<seq>-<UTC time>.db` with a manifest of the same
// name (.json) written after verification. A file without a manifest was never verified and is not a
// backup. Order is by sequence number, never by clock, so a clock stepped back cannot reorder them.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compactUtc } from './files.js';

export interface Manifest {
  format: 1;
  seq: number;
  /** The database file's name inside the backups folder. */
  file: string;
  /** Wall-clock time the copy was taken (UTC). */
  takenAt: string;
  verifiedAt: string;
  sqliteVersion: string;
  schemaVersion: number;
  counts: Record<string, number>;
  sha256: string;
  bytes: number;
  integrity: string;
  backupMs: number;
  integrityMs: number;
}

export interface PublishedBackup extends Manifest {
  path: string;
  manifestPath: string;
}

const MANIFEST = /^rollcall-(\d{6,})-\d{8}T\d{6}Z\.json$/;

export function backupsDir(dataDir: string): string {
  return join(dataDir, 'backups');
}

export function backupBaseName(seq: number, takenAt: Date): string {
  return `rollcall-${String(seq).padStart(6, '0')}-${compactUtc(takenAt)}`;
}

/** Verified backups, newest first. Unreadable manifests are left alone and not counted. */
export function listBackups(dir: string): PublishedBackup[] {
  if (!existsSync(dir)) return [];
  const out: PublishedBackup[] = [];
  for (const name of readdirSync(dir)) {
    if (!MANIFEST.test(name)) continue;
    const manifestPath = join(dir, name);
    try {
      const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
      const path = join(dir, m.file);
      if (m.format !== 1 || typeof m.seq !== 'number' || !existsSync(path)) continue;
      out.push({ ...m, path, manifestPath });
    } catch {
      continue;
    }
  }
  return out.sort((a, b) => b.seq - a.seq);
}

/** The next sequence number, above every file ever written here (manifests, orphans, rejects). */
export function nextSeq(dir: string): number {
  if (!existsSync(dir)) return 1;
  let max = 0;
  for (const name of readdirSync(dir)) {
    const m = /^rollcall-(\d{6,})-/.exec(name);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}
