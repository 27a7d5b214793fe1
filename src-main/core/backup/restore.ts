// Putting a verified backup in place of the database: automatically at startup when the database is
// corrupt, empty or gone, from the command line while the kiosk is stopped, and from the admin screen
// while it runs. Nothing is ever deleted: the replaced database is kept aside with its sidecars.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { migrate, type Db } from '../db/open.js';
import { migrations } from '../db/migrations/index.js';
import { KNOWN_SCHEMA_VERSION, REQUIRED_TABLES } from '../db/schema-facts.js';
import { checkDatabaseFile } from '../db/startup-check.js';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';
import { backupsDir, listBackups, type PublishedBackup } from './catalogue.js';
import { compactUtc, fsyncPath, moveDatabase, SIDECARS } from './files.js';
import { attendanceRecordedAfter, attendanceRecordedAfterInFile } from './lost-attendance.js';
import { clearRestorePending, markRestorePending, pendingRestore, recordRecovery, type RecoveryIncident } from './recoveries.js';
import { verifyCopy, verifyCopySync, type VerifyRequest, type VerifyResult } from './verify.js';

/**
 * Runs on the restored database before the kiosk serves again. The privacy service uses it to re-apply
 * biometric deletions recorded after `incident.backupTakenAt`, which the backup does not know about.
 */
export type AfterRestoreHook = (ctx: { db: Db; incident: RecoveryIncident }) => void | Promise<void>;

export class RestoreError extends Error {}

function verifyRequestFor(b: PublishedBackup): VerifyRequest {
  return { file: b.path, prepare: false, sha256: b.sha256, counts: b.counts, maxSchemaVersion: KNOWN_SCHEMA_VERSION, requiredTables: REQUIRED_TABLES };
}

/** A backup that failed verification is renamed out of the catalogue (kept for forensics). */
function reject(b: PublishedBackup): void {
  for (const p of [b.path, b.manifestPath]) if (existsSync(p)) renameSync(p, `${p}.rejected`);
}

function lastWriteOf(files: string[], fallback: Date): string {
  let latest = 0;
  for (const f of files) {
    try {
      latest = Math.max(latest, statSync(f).mtimeMs);
    } catch {
      continue;
    }
  }
  return new Date(latest > 0 && latest <= fallback.getTime() ? latest : fallback.getTime()).toISOString();
}

/**
 * Copies `source` next to `dbFile`, verifies the copy, then renames it over `dbFile` (atomic on one
 * filesystem). The caller has already moved any old database and its sidecars out of the way.
 */
function installCopy(source: string, dbFile: string, request: Omit<VerifyRequest, 'file' | 'prepare'>): VerifyResult {
  const tmp = `${dbFile}.restore-tmp`;
  for (const s of ['', ...SIDECARS]) rmSync(tmp + s, { force: true });
  copyFileSync(source, tmp);
  const v = verifyCopySync({ ...request, file: tmp, prepare: true });
  if (!v.ok) {
    rmSync(tmp, { force: true });
    return v;
  }
  for (const s of SIDECARS) {
    if (existsSync(dbFile + s)) throw new RestoreError(`${basename(dbFile + s)} is still present; refusing to pair it with a restored database`);
  }
  renameSync(tmp, dbFile);
  fsyncPath(dirname(dbFile));
  return v;
}

/** Walks the verified backups newest first and installs the first that verifies again now. */
function installNewestGood(dataDir: string, dbFile: string, log: Logger) {
  const rejected: RecoveryIncident['rejected'] = [];
  for (const b of listBackups(backupsDir(dataDir))) {
    const { file: _file, prepare: _prepare, ...request } = verifyRequestFor(b);
    const v = installCopy(b.path, dbFile, request);
    if (v.ok) return { backup: b, rejected };
    log.error('backup refused during restore', { file: b.file, problems: v.problems });
    rejected.push({ file: b.file, problems: v.problems });
    reject(b);
  }
  return { backup: null, rejected };
}

export interface StartupRecoveryDeps {
  dataDir: string;
  dbFile: string;
  clock: Clock;
  log: Logger;
}

/**
 * Run before the database is opened. Returns null when the file is fine (or this is a first start);
 * otherwise the bad file has been quarantined as `<name>.corrupt-<UTC time>` and the newest backup that
 * still verifies is in its place (or nothing, and the kiosk starts with a new database), and the
 * incident is recorded.
 */
export function recoverAtStartup(deps: StartupRecoveryDeps): RecoveryIncident | null {
  const { dataDir, dbFile, clock, log } = deps;
  const health = checkDatabaseFile(dbFile);
  if (health.state === 'ok') return null;
  const haveBackups = listBackups(backupsDir(dataDir)).length > 0;
  const strays = SIDECARS.filter((s) => existsSync(dbFile + s));
  if (health.state === 'missing' && !haveBackups && strays.length === 0) return null;

  const detectedAt = clock.now();
  const aside = `${dbFile}.corrupt-${compactUtc(detectedAt)}`;
  const candidates = [dbFile, ...SIDECARS.map((s) => dbFile + s)].filter((f) => existsSync(f));
  const lostUntil = lastWriteOf(candidates, detectedAt);
  // A -wal without its database would be replayed into whatever database is created next.
  const keptAside = moveDatabase(dbFile, aside);
  const detail = health.state === 'missing' ? 'the database file is missing' : health.detail;
  log.error('database unusable at startup; quarantined', { reason: health.state, detail, keptAside });

  const { backup, rejected } = installNewestGood(dataDir, dbFile, log);
  const incident: RecoveryIncident = {
    kind: 'startup_recovery',
    detectedAt: detectedAt.toISOString(),
    reason: health.state,
    detail,
    keptAside,
    restoredFrom: backup?.file ?? null,
    backupTakenAt: backup?.takenAt ?? null,
    lostFrom: backup?.takenAt ?? null,
    lostUntil,
    rejected,
  };
  recordRecovery(dataDir, incident);
  if (backup) {
    markRestorePending(dataDir, incident);
    log.error('database restored from backup', { backup: backup.file, lostFrom: incident.lostFrom, lostUntil });
  } else {
    log.error('no usable backup; starting with a new, empty database', { rejected: rejected.length });
  }
  return incident;
}

/** Is another process (the kiosk) using the database? Its connection holds a lock we cannot take. */
export function databaseInUse(dbFile: string): boolean {
  if (!existsSync(dbFile)) return false;
  let db: Database.Database | null = null;
  try {
    db = new Database(dbFile, { fileMustExist: true, timeout: 200 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE; COMMIT');
    return false;
  } catch (e) {
    return (e as { code?: string }).code === 'SQLITE_BUSY';
  } finally {
    db?.close();
  }
}

export interface OfflineRestoreDeps {
  dataDir: string;
  dbFile: string;
  clock: Clock;
  log: Logger;
  /** A backup file (one from the catalogue or any Rollcall database file); default: the newest good one. */
  backupFile?: string;
}

export interface RestoreResult {
  incident: RecoveryIncident;
  safetyCopy: string | null;
}

/** `npm run restore`: the kiosk must be stopped. The current database is kept aside as the safety copy. */
export function restoreOffline(deps: OfflineRestoreDeps): RestoreResult {
  const { dataDir, dbFile, clock, log } = deps;
  if (databaseInUse(dbFile)) throw new RestoreError('The kiosk is using the database; stop it first (or restore from the admin screen)');
  const now = clock.now();
  const safety = `${dbFile}.before-restore-${compactUtc(now)}`;
  const staged = `${dbFile}.staged-${compactUtc(now)}`;
  let chosen: { file: string; takenAt: string | null };
  const rejected: RecoveryIncident['rejected'] = [];

  // Stage the verified copy first, so a refused backup leaves the current database exactly as it was.
  if (deps.backupFile) {
    const known = listBackups(backupsDir(dataDir)).find((b) => b.path === deps.backupFile || b.file === basename(deps.backupFile!));
    const request = known
      ? (({ file: _f, prepare: _p, ...r }) => r)(verifyRequestFor(known))
      : { maxSchemaVersion: KNOWN_SCHEMA_VERSION, requiredTables: REQUIRED_TABLES };
    if (!existsSync(deps.backupFile)) throw new RestoreError(`No such backup file: ${deps.backupFile}`);
    const v = installCopy(deps.backupFile, staged, request);
    if (!v.ok) throw new RestoreError(`The backup failed verification; nothing was changed:\n  ${v.problems.join('\n  ')}`);
    chosen = { file: known?.file ?? deps.backupFile, takenAt: known?.takenAt ?? null };
  } else {
    const r = installNewestGood(dataDir, staged, log);
    rejected.push(...r.rejected);
    if (!r.backup) throw new RestoreError('No backup passed verification; nothing was changed');
    chosen = { file: r.backup.file, takenAt: r.backup.takenAt };
  }

  const attendanceAfterBackup = chosen.takenAt ? attendanceRecordedAfterInFile(dbFile, chosen.takenAt) : null;
  // Sidecars move with it (even without a main file): a -wal left behind would be replayed into the
  // restored database.
  const keptAside = moveDatabase(dbFile, safety);
  renameSync(staged, dbFile);
  fsyncPath(dirname(dbFile));
  const incident: RecoveryIncident = {
    kind: 'manual_restore',
    detectedAt: now.toISOString(),
    reason: 'requested',
    detail: `restored from ${chosen.file} by the restore command`,
    keptAside,
    restoredFrom: chosen.file,
    backupTakenAt: chosen.takenAt,
    lostFrom: chosen.takenAt,
    lostUntil: now.toISOString(),
    attendanceAfterBackup,
    rejected,
  };
  recordRecovery(dataDir, incident);
  markRestorePending(dataDir, incident);
  const safetyCopy = keptAside.includes(safety) ? safety : null;
  log.info('database restored', { backup: chosen.file, safetyCopy });
  return { incident, safetyCopy };
}

export interface OnlineRestoreDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  log: Logger;
  afterRestore: AfterRestoreHook[];
}

/**
 * The admin screen's restore, while the kiosk runs: verify the backup in a worker, take a safety copy
 * of the live database with the backup API, then copy the backup into the live file through SQLite
 * (one step, so no check-in interleaves with a half-restored file) and bring its schema up to date.
 * The kiosk's connection stays open and sees the restored content at once.
 */
export async function restoreOnline(deps: OnlineRestoreDeps, file: string): Promise<RestoreResult> {
  const { db, dataDir, clock, log } = deps;
  const b = listBackups(backupsDir(dataDir)).find((x) => x.file === file);
  if (!b) throw new RestoreError(`No verified backup named ${file}`);
  const v = await verifyCopy(verifyRequestFor(b));
  if (!v.ok) {
    reject(b);
    throw new RestoreError(`The backup failed verification and was set aside; nothing was changed: ${v.problems.join('; ')}`);
  }
  const now = clock.now();
  const safety = join(dirname(db.name), `${basename(db.name)}.before-restore-${compactUtc(now)}`);
  // Copied in the worker like a backup; its own verification is only informative (a damaged live
  // database is a reason to restore), but without a copy at all nothing is replaced.
  const copy = await verifyCopy({ copyFrom: db.name, file: safety, prepare: true, requiredTables: REQUIRED_TABLES });
  if (!existsSync(safety)) {
    throw new RestoreError(`No safety copy of the current database could be made (${copy.problems.join('; ')}); nothing was changed. Stop the kiosk and use npm run restore.`);
  }
  const incident: RecoveryIncident = {
    kind: 'manual_restore',
    detectedAt: now.toISOString(),
    reason: 'requested',
    detail: `restored from ${b.file} from the admin screen`,
    keptAside: [safety],
    restoredFrom: b.file,
    backupTakenAt: b.takenAt,
    lostFrom: b.takenAt,
    lostUntil: now.toISOString(),
    attendanceAfterBackup: attendanceRecordedAfter(db, b.takenAt),
    rejected: [],
  };
  markRestorePending(dataDir, incident);
  const source = new Database(b.path, { readonly: true, fileMustExist: true });
  try {
    await source.backup(db.name, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  migrate(db, migrations, () => clock.now());
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new RestoreError(`The restored database failed quick_check (${String(check)}); the safety copy is ${safety}`);
  recordRecovery(dataDir, incident);
  await runPendingAfterRestore({ db, dataDir, log, afterRestore: deps.afterRestore });
  log.info('database restored while running', { backup: b.file, safetyCopy: safety });
  return { incident, safetyCopy: safety };
}

/**
 * Runs the afterRestore hooks for a restore that has not had them yet (startup recovery, the restore
 * command, or a crash mid-way). The marker is cleared only after every hook succeeded.
 */
export async function runPendingAfterRestore(deps: { db: Db; dataDir: string; log: Logger; afterRestore: AfterRestoreHook[] }): Promise<RecoveryIncident | null> {
  const incident = pendingRestore(deps.dataDir);
  if (!incident) return null;
  for (const hook of deps.afterRestore) await hook({ db: deps.db, incident });
  clearRestorePending(deps.dataDir);
  deps.log.info('after-restore hooks ran', { hooks: deps.afterRestore.length, restoredFrom: incident.restoredFrom });
  return incident;
}
