// Copies of the database the kiosk keeps aside: the safety copy a restore leaves
// (rollcall.db.before-restore-<UTC>), a quarantined corrupt database (rollcall.db.corrupt-<UTC>) and
// backups refused during a restore (backups/*.db.rejected). The hourly backups age out by count, but
// these would stay forever, holding the face templates of students whose erasure receipt says they
// are deleted. So every erasure is applied to them too (the same ledger a restore re-applies), and
// any copy older than backup.setAsideDays is deleted: that also covers a copy too damaged to clean.
import Database from 'better-sqlite3';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../log.js';
import type { ErasureLedger } from './erasure-ledger.js';
import { reapplyErasures } from './erasure.js';

export interface SetAsideCopy {
  path: string;
  kind: 'safety' | 'corrupt' | 'rejected';
  /** From the UTC time in the file's name (the kiosk clock's when it was set aside or taken). */
  setAsideAt: Date;
}

// A sidecar is its own copy only when its database is gone (a lone -wal quarantined at start): it
// holds the last pages written, face templates included, and cannot be cleaned, so it goes by age.
const ASIDE = /^rollcall\.db\.(before-restore|corrupt)-(\d{8}T\d{6}Z)(-wal|-shm|-journal)?$/;
const REJECTED = /^rollcall-\d{6,}-(\d{8}T\d{6}Z)\.db\.rejected$/;
const SIDECARS = ['-wal', '-shm', '-journal'];

/** 20261207T070100Z -> Date */
function fromCompactUtc(s: string): Date {
  return new Date(`${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)}T${s.slice(9, 11)}:${s.slice(11, 13)}:${s.slice(13, 15)}Z`);
}

export function listSetAsideCopies(dataDir: string): SetAsideCopy[] {
  const out: SetAsideCopy[] = [];
  for (const name of readdirSync(dataDir)) {
    const m = ASIDE.exec(name);
    if (m?.[3] && existsSync(join(dataDir, name.slice(0, -m[3].length)))) continue;
    if (m) out.push({ path: join(dataDir, name), kind: m[1] === 'corrupt' ? 'corrupt' : 'safety', setAsideAt: fromCompactUtc(m[2]!) });
  }
  const backups = join(dataDir, 'backups');
  if (existsSync(backups)) {
    for (const name of readdirSync(backups)) {
      const m = REJECTED.exec(name);
      if (m) out.push({ path: join(backups, name), kind: 'rejected', setAsideAt: fromCompactUtc(m[1]!) });
    }
  }
  return out;
}

/** Deletes copies set aside more than `days` ago, with their sidecars (and a rejected backup's manifest). */
export function pruneSetAsideCopies(copies: SetAsideCopy[], now: Date, days: number): SetAsideCopy[] {
  const before = now.getTime() - days * 86_400_000;
  const old = copies.filter((c) => c.setAsideAt.getTime() < before);
  for (const c of old) {
    for (const s of ['', ...SIDECARS]) rmSync(c.path + s, { force: true });
    if (c.kind === 'rejected') rmSync(c.path.replace(/\.db\.rejected$/, '.json.rejected'), { force: true });
  }
  return old;
}

export interface ScrubSummary {
  copies: number;
  templatesDeleted: number;
  /** Copies that could not be opened or written (damaged, older schema); they go when their days are up. */
  notCleaned: string[];
}

/** Applies every erasure in the ledger to each copy; secure_delete zeroes the freed pages. */
export function scrubSetAsideCopies(copies: SetAsideCopy[], ledger: ErasureLedger, log: Logger): ScrubSummary {
  const summary: ScrubSummary = { copies: 0, templatesDeleted: 0, notCleaned: [] };
  if (copies.length === 0 || ledger.readAll().length === 0) return summary;
  for (const c of copies) {
    // Opening a lone sidecar as a database would only fail (or write beside it); it goes by age.
    if (SIDECARS.some((x) => c.path.endsWith(x))) {
      summary.notCleaned.push(c.path);
      continue;
    }
    let db: Database.Database | null = null;
    try {
      db = new Database(c.path, { fileMustExist: true, timeout: 1000 });
      db.pragma('secure_delete = ON');
      const s = reapplyErasures(db, ledger);
      summary.copies++;
      summary.templatesDeleted += s.templatesDeleted;
    } catch (e) {
      summary.notCleaned.push(c.path);
      log.warn('erasures could not be applied to a set-aside copy; it is deleted when its retention ends', { kind: c.kind, error: (e as { code?: string }).code ?? (e as Error).message });
    } finally {
      db?.close();
    }
  }
  return summary;
}
