// Hourly verified backups of the live database. A worker thread copies it with SQLite's online backup
// API from one pinned read snapshot (so the kiosk's writes never restart it, and no step, commit or
// fsync of the copy runs on the kiosk's thread), verifies the copy, then it is published by rename.
// Only a verified success prunes, so a failing cycle can never delete a good backup.
//
// The schedule is a due check, not a cron slot: "is the newest verified backup older than the
// interval?", asked at start, every minute and on demand. It catches up after sleep and restarts;
// a monotonic clock covers a wall clock stepped back, and a newest backup dated in the future (clock
// moved back while we were down) counts as due, so a step of either sign delays nothing.
import { mkdirSync, statSync } from 'node:fs';
import { readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from '../db/open.js';
import { schemaVersion } from '../db/open.js';
import { REQUIRED_TABLES } from '../db/schema-facts.js';
import { freeBytesOn } from '../db/disk-guard.js';
import type { Logger } from '../log.js';
import type { BackupResult, Metrics } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import { backupBaseName, backupsDir, listBackups, nextSeq, type Manifest, type PublishedBackup } from './catalogue.js';
import { fsyncPathAsync, writeFileDurablyAsync } from './files.js';
import { verifyCopy } from './verify.js';

export interface BackupSettings {
  keep: number;
  intervalMinutes: number;
}

export interface BackupServiceDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  log: Logger;
  settings: () => BackupSettings;
  /** Milliseconds that never jump (performance.now by default). */
  monotonic?: () => number;
  /** Free bytes on the backups volume; injected by disk-full drills. */
  freeBytes?: (dir: string) => number;
  /** How often the due check runs. */
  checkEveryMs?: number;
  /** Told about every finished cycle (metrics). */
  onCycle?: (outcome: BackupOutcome) => void;
  /** Counts cycles by result, with the last one's duration and the verified backups on disk. */
  metrics?: Metrics;
}

export type BackupOutcome =
  | { ok: true; backup: PublishedBackup; pruned: string[] }
  | { ok: false; error: string };

export interface BackupStatus {
  /** UTC time of the newest verified backup, null when there is none. */
  lastVerifiedAt: string | null;
  /** UTC time of the oldest verified backup kept, null when there is none. */
  oldestVerifiedAt: string | null;
  ageSeconds: number | null;
  count: number;
  keep: number;
  intervalMinutes: number;
  running: boolean;
  lastError: { at: string; message: string } | null;
  lastIntegrity: string | null;
  lastBackupMs: number | null;
  lastIntegrityMs: number | null;
}

/** The metrics' closed list of results, from a cycle's outcome. */
export function backupResultOf(outcome: BackupOutcome): BackupResult {
  if (outcome.ok) return 'ok';
  if (/ENOSPC|SQLITE_FULL|not enough free disk space/.test(outcome.error)) return 'disk_full';
  if (/^the copy failed verification/.test(outcome.error)) return 'integrity_failed';
  return 'io_error';
}

/** A newest backup dated further ahead than this means the wall clock went back. */
const FUTURE_SLACK_MS = 5 * 60_000;

function databaseBytes(db: Db): number {
  let n = 0;
  for (const f of [db.name, `${db.name}-wal`]) {
    try {
      n += statSync(f).size;
    } catch {
      // no WAL right now
    }
  }
  return n;
}

export function createBackupService(deps: BackupServiceDeps) {
  const { db, clock, log } = deps;
  const dir = backupsDir(deps.dataDir);
  const monotonic = deps.monotonic ?? (() => performance.now());
  const freeBytes = deps.freeBytes ?? freeBytesOn;
  let running: Promise<BackupOutcome> | null = null;
  let lastSuccessMono: number | null = null;
  let lastError: BackupStatus['lastError'] = null;
  let timer: NodeJS.Timeout | null = null;

  function isDue(): boolean {
    const intervalMs = deps.settings().intervalMinutes * 60_000;
    const newest = listBackups(dir)[0];
    if (!newest) return true;
    const wallAge = clock.now().getTime() - Date.parse(newest.takenAt);
    // The wall clock sees sleep (the monotonic one stops while suspended); the monotonic one sees real
    // time across a wall clock stepped back. Without a success in this run only the wall clock is known.
    if (wallAge >= intervalMs) return true;
    if (lastSuccessMono !== null) return monotonic() - lastSuccessMono >= intervalMs;
    return wallAge < -FUTURE_SLACK_MS;
  }

  async function prune(): Promise<string[]> {
    const keep = deps.settings().keep;
    const removed: string[] = [];
    const all = listBackups(dir);
    for (const old of all.slice(keep)) {
      // Manifest first: a crash in between leaves an unverified file, never a manifest without its data.
      await rm(old.manifestPath, { force: true });
      await rm(old.path, { force: true });
      removed.push(old.file);
    }
    // Leftovers of cycles that died (power cut) before publishing or before writing the manifest.
    const published = new Set(all.map((b) => b.file));
    for (const name of await readdir(dir)) {
      const leftover = name.startsWith('.tmp-') || (/^rollcall-\d{6,}-\d{8}T\d{6}Z\.db$/.test(name) && !published.has(name));
      if (leftover) await rm(join(dir, name), { force: true });
    }
    return removed;
  }

  async function cycle(): Promise<BackupOutcome> {
    const takenAt = clock.now();
    mkdirSync(dir, { recursive: true });
    const base = backupBaseName(nextSeq(dir), takenAt);
    const tmp = join(dir, `.tmp-${base}.db`);
    const seq = Number(base.split('-')[1]);
    try {
      const size = databaseBytes(db);
      const free = freeBytes(dir);
      if (free < 2 * size) {
        throw new Error(`not enough free disk space for a backup: ${free} bytes free, ${2 * size} needed (twice the database)`);
      }
      const expectVersion = schemaVersion(db);
      const sqliteVersion = (db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
      const v = await verifyCopy({ copyFrom: db.name, file: tmp, prepare: true, schemaVersion: expectVersion, requiredTables: REQUIRED_TABLES });
      if (!v.ok) throw new Error(`the copy failed verification: ${v.problems.join('; ')}`);
      const file = `${base}.db`;
      await rename(tmp, join(dir, file));
      const manifest: Manifest = {
        format: 1,
        seq,
        file,
        takenAt: takenAt.toISOString(),
        verifiedAt: clock.now().toISOString(),
        sqliteVersion,
        schemaVersion: v.schemaVersion,
        counts: v.counts,
        sha256: v.sha256,
        bytes: v.bytes,
        integrity: v.integrity,
        backupMs: Math.round(v.backupMs),
        integrityMs: Math.round(v.integrityMs),
      };
      await writeFileDurablyAsync(join(dir, `${base}.json`), JSON.stringify(manifest, null, 2) + '\n');
      lastSuccessMono = monotonic();
      lastError = null;
      const pruned = await prune();
      const backup = listBackups(dir).find((b) => b.seq === seq)!;
      log.info('backup verified and published', { file, bytes: v.bytes, backupMs: manifest.backupMs, integrityMs: manifest.integrityMs, pruned: pruned.length });
      return { ok: true, backup, pruned };
    } catch (e) {
      for (const s of ['', '-journal', '-wal', '-shm']) await rm(tmp + s, { force: true });
      const message = (e as { code?: string }).code ? `${(e as { code: string }).code}: ${(e as Error).message}` : (e as Error).message;
      lastError = { at: clock.now().toISOString(), message };
      log.error('backup failed; older backups kept', { error: message });
      return { ok: false, error: message };
    }
  }

  function run(): Promise<BackupOutcome> {
    if (running) return running;
    const started = monotonic();
    running = cycle().then((outcome) => {
      running = null;
      if (deps.metrics) {
        deps.metrics.backupRun(backupResultOf(outcome), (monotonic() - started) / 1000);
        const all = listBackups(dir);
        deps.metrics.backupState(all[0] ? new Date(all[0].takenAt) : null, all.length);
      }
      deps.onCycle?.(outcome);
      return outcome;
    });
    return running;
  }

  return {
    /** Takes a backup now (admin button, CLI), or joins the one already running. */
    backupNow: run,
    /** Runs a backup if one is due; resolves null when none was. Also call it on resume from sleep. */
    async runDueCheck(): Promise<BackupOutcome | null> {
      if (running) return running;
      return isDue() ? run() : null;
    },
    isDue,
    list: () => listBackups(dir),
    status(): BackupStatus {
      const all = listBackups(dir);
      const newest = all[0];
      const s = deps.settings();
      return {
        lastVerifiedAt: newest?.takenAt ?? null,
        oldestVerifiedAt: all.at(-1)?.takenAt ?? null,
        ageSeconds: newest ? Math.round((clock.now().getTime() - Date.parse(newest.takenAt)) / 1000) : null,
        count: all.length,
        keep: s.keep,
        intervalMinutes: s.intervalMinutes,
        running: running !== null,
        lastError,
        lastIntegrity: newest?.integrity ?? null,
        lastBackupMs: newest?.backupMs ?? null,
        lastIntegrityMs: newest?.integrityMs ?? null,
      };
    },
    start(): void {
      if (timer) return;
      void this.runDueCheck();
      timer = setInterval(() => void this.runDueCheck(), deps.checkEveryMs ?? 60_000);
      timer.unref();
    },
    /** Stops the schedule and waits for a running cycle, so the database is not closed under it. */
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      if (running) await running;
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;
