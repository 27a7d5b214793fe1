// The backup area of the admin screen, answered from the services: what the contract promises, no more.
import type { BackupEntry, BackupOverview, RecoverySummary } from '../../../src-preload/contract.js';
import type { DiskGuard } from '../db/disk-guard.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';
import type { PublishedBackup } from './catalogue.js';
import { lastRecovery, type RecoveryIncident } from './recoveries.js';
import { restoreOnline, RestoreError, type AfterRestoreHook } from './restore.js';
import type { BackupService } from './service.js';

function entry(b: PublishedBackup): BackupEntry {
  return {
    file: b.file,
    takenAt: b.takenAt,
    bytes: b.bytes,
    schemaVersion: b.schemaVersion,
    students: b.counts.students ?? 0,
    attendance: b.counts.attendance ?? 0,
  };
}

export function recoverySummary(i: RecoveryIncident): RecoverySummary {
  return { kind: i.kind, detectedAt: i.detectedAt, reason: i.reason, detail: i.detail, restoredFrom: i.restoredFrom, lostFrom: i.lostFrom, lostUntil: i.lostUntil, ...(typeof i.attendanceAfterBackup === 'number' ? { attendanceAfterBackup: i.attendanceAfterBackup } : {}) };
}

export function createBackupAdmin(deps: {
  db: Db;
  dataDir: string;
  clock: Clock;
  log: Logger;
  backups: BackupService;
  disk: DiskGuard;
  afterRestore: AfterRestoreHook[];
}) {
  return {
    overview(): BackupOverview {
      const s = deps.backups.status();
      const d = deps.disk.status();
      const last = lastRecovery(deps.dataDir);
      return {
        status: {
          lastVerifiedAt: s.lastVerifiedAt,
          ageSeconds: s.ageSeconds,
          count: s.count,
          keep: s.keep,
          intervalMinutes: s.intervalMinutes,
          running: s.running,
          lastError: s.lastError,
        },
        backups: deps.backups.list().map(entry),
        lastRecovery: last ? recoverySummary(last) : null,
        disk: { state: d.state, reason: d.reason, freeBytes: d.freeBytes },
      };
    },
    async backupNow() {
      const r = await deps.backups.backupNow();
      return r.ok ? { ok: true as const, backup: entry(r.backup) } : { ok: false as const, error: r.error };
    },
    async restore(file: string) {
      try {
        const r = await restoreOnline({ db: deps.db, dataDir: deps.dataDir, clock: deps.clock, log: deps.log, afterRestore: deps.afterRestore }, file);
        return { ok: true as const, recovery: recoverySummary(r.incident), safetyCopy: r.safetyCopy ?? '' };
      } catch (e) {
        if (!(e instanceof RestoreError)) throw e;
        return { ok: false as const, error: e.message };
      }
    },
  };
}
