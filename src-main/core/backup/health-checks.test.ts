import { test } from 'node:test';
import assert from 'node:assert/strict';
import { databaseSafetyChecks } from './health-checks.js';
import type { BackupStatus } from './service.js';
import type { DiskStatus } from '../db/disk-guard.js';

const now = new Date('2026-12-07T09:00:00Z');
const backup = (over: Partial<BackupStatus> = {}): BackupStatus => ({
  lastVerifiedAt: '2026-12-07T08:30:00.000Z',
  ageSeconds: 1800,
  count: 24,
  keep: 24,
  intervalMinutes: 60,
  running: false,
  lastError: null,
  lastIntegrity: 'ok',
  lastBackupMs: 30,
  lastIntegrityMs: 100,
  ...over,
});
const disk = (over: Partial<DiskStatus> = {}): DiskStatus => ({ state: 'ok', reason: null, freeBytes: 5e9, ballastBytes: 64 << 20, ballastPresent: true, lastFullAt: null, ...over });
const calm = { atStartup: null, last: null };
const status = (c: ReturnType<typeof databaseSafetyChecks>, key: string) => c[key]![0]!.status;

test('backup age passes under 75 minutes, warns up to 6 hours and fails beyond or with none', () => {
  assert.equal(status(databaseSafetyChecks({ backup: backup(), disk: disk(), recovery: calm, now }), 'backup:age'), 'pass');
  assert.equal(status(databaseSafetyChecks({ backup: backup({ ageSeconds: 80 * 60 }), disk: disk(), recovery: calm, now }), 'backup:age'), 'warn');
  assert.equal(status(databaseSafetyChecks({ backup: backup({ ageSeconds: 7 * 3600 }), disk: disk(), recovery: calm, now }), 'backup:age'), 'fail');
  const none = databaseSafetyChecks({ backup: backup({ ageSeconds: null, lastVerifiedAt: null, count: 0 }), disk: disk(), recovery: calm, now });
  assert.equal(status(none, 'backup:age'), 'fail');
  assert.equal(status(none, 'backup:count'), 'fail');
});

test('a failed backup says why, and fewer backups than kept warns', () => {
  const c = databaseSafetyChecks({ backup: backup({ count: 3, lastError: { at: '2026-12-07T08:59:00Z', message: 'SQLITE_FULL: database or disk is full' } }), disk: disk(), recovery: calm, now });
  assert.equal(c['backup:age']![0]!.output, 'last backup failed: SQLITE_FULL: database or disk is full');
  assert.equal(status(c, 'backup:count'), 'warn');
});

test('a full disk fails with its reason; a spent reserve warns', () => {
  const full = databaseSafetyChecks({ backup: backup(), disk: disk({ state: 'full', reason: 'writes fail: SQLITE_FULL: database or disk is full' }), recovery: calm, now });
  assert.equal(status(full, 'disk:reserve'), 'fail');
  assert.match(full['disk:reserve']![0]!.output ?? '', /SQLITE_FULL/);
  assert.equal(status(databaseSafetyChecks({ backup: backup(), disk: disk({ state: 'reserve_in_use' }), recovery: calm, now }), 'disk:reserve'), 'warn');
});

test('a start that restored a backup warns with the lost window; one that found none fails', () => {
  const incident = {
    kind: 'startup_recovery' as const,
    detectedAt: '2026-12-07T08:00:00.000Z',
    reason: 'corrupt' as const,
    detail: 'SQLITE_NOTADB',
    keptAside: [],
    restoredFrom: 'rollcall-000007-20261207T070000Z.db',
    backupTakenAt: '2026-12-07T07:00:00.000Z',
    lostFrom: '2026-12-07T07:00:00.000Z',
    lostUntil: '2026-12-07T07:58:00.000Z',
    rejected: [],
  };
  const restored = databaseSafetyChecks({ backup: backup(), disk: disk(), recovery: { atStartup: incident, last: incident }, now });
  assert.equal(status(restored, 'sqlite:integrity'), 'warn');
  assert.match(restored['sqlite:integrity']![0]!.output ?? '', /from 2026-12-07T07:00:00.000Z to 2026-12-07T07:58:00.000Z/);
  const lost = { ...incident, restoredFrom: null, lostFrom: null };
  assert.equal(status(databaseSafetyChecks({ backup: backup(), disk: disk(), recovery: { atStartup: lost, last: lost }, now }), 'sqlite:integrity'), 'fail');
});
