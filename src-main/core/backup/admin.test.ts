import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { schoolDatabase } from '../../test-support/school-db.js';
import type { RecoveryIncident } from './recoveries.js';
import { testTemplateKey } from '../../test-support/template-key.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const config = parseConfig({ ...defaults, disk: { ballastMiB: 1 } });

function kiosk(dataDir: string, clock: ReturnType<typeof manualClock>, afterRestore: Array<(ctx: { incident: RecoveryIncident }) => void> = []) {
  return createCore({ templateKey: testTemplateKey(), config, dataDir, clock, log: silentLogger, afterRestore });
}

test('IT takes a backup, lists it, and restores it while the kiosk runs, keeping a safety copy', async () => {
  const dataDir = tempDir();
  schoolDatabase(dataDir, 3).db.close();
  const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
  const restored: RecoveryIncident[] = [];
  const core = kiosk(dataDir, clock, [({ incident }) => void restored.push(incident)]);
  await core.start();
  const first = await core.handlers['backup:now']({}, { session: null });
  assert.ok(first.ok);
  assert.equal(first.backup.students, 3);
  assert.equal(first.backup.attendance, 0);

  clock.advance(10 * 60_000);
  assert.equal((await core.handlers['kiosk:check-in-card']({ code: 'S0001' }, { session: null })).outcome, 'recorded');
  const overview = await core.handlers['backup:list']({}, { session: null });
  assert.equal(overview.status.count, 1);
  assert.equal(overview.status.ageSeconds, 600);
  assert.deepEqual(overview.backups.map((b) => b.file), [first.backup.file]);
  assert.equal(overview.disk.state, 'ok');

  clock.advance(5 * 60_000);
  const r = await core.handlers['backup:restore']({ file: first.backup.file }, { session: null });
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.recovery.lostFrom, '2026-12-07T07:05:00.000Z');
  assert.equal(r.recovery.lostUntil, '2026-12-07T07:20:00.000Z');
  assert.equal(restored.length, 1, 'the afterRestore hooks ran');
  assert.equal(restored[0]!.attendanceAfterBackup, 1, 'the one check-in after the backup is counted as lost');
  assert.equal((core.db.prepare('SELECT COUNT(*) AS n FROM attendance').get() as { n: number }).n, 0, 'back to the 07:05 state');
  assert.ok(existsSync(r.safetyCopy));
  const safety = new Database(r.safetyCopy, { readonly: true });
  assert.equal((safety.prepare('SELECT COUNT(*) AS n FROM attendance').get() as { n: number }).n, 1, 'the safety copy has the check-in');
  safety.close();
  // The kiosk keeps working on the restored database.
  assert.equal((await core.handlers['kiosk:check-in-card']({ code: 'S0001' }, { session: null })).outcome, 'recorded');
  assert.equal((await core.handlers['backup:list']({}, { session: null })).lastRecovery?.kind, 'manual_restore');
  await core.stop();
});

test('the kiosk starting on a corrupt database restores the backup and runs the afterRestore hooks before serving', async () => {
  const dataDir = tempDir();
  schoolDatabase(dataDir, 3).db.close();
  const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
  const core = kiosk(dataDir, clock);
  await core.start();
  assert.ok((await core.handlers['backup:now']({}, { session: null })).ok);
  await core.stop();
  writeFileSync(join(dataDir, 'rollcall.db'), '');

  clock.advance(3_600_000);
  const restored: RecoveryIncident[] = [];
  const again = kiosk(dataDir, clock, [({ incident }) => void restored.push(incident)]);
  assert.equal(again.recoveryStatus().atStartup?.reason, 'empty');
  await again.start();
  assert.equal(restored.length, 1);
  assert.equal(restored[0]!.lostFrom, '2026-12-07T07:05:00.000Z');
  assert.equal((await again.handlers['kiosk:status']({}, { session: null })).checkedInToday, 0);
  assert.equal((again.db.prepare('SELECT COUNT(*) AS n FROM students').get() as { n: number }).n, 3);
  assert.equal((await again.handlers['backup:list']({}, { session: null })).lastRecovery?.reason, 'empty');
  await again.stop();
});

test('a restore request names a listed backup, nothing else', async () => {
  const { channels } = await import('../../../src-preload/contract.js');
  assert.equal(channels['backup:restore'].role, 'it');
  assert.equal(channels['backup:restore'].request.safeParse({ file: '../../etc/passwd' }).success, false);
  assert.equal(channels['backup:restore'].request.safeParse({ file: 'rollcall-000003-20261207T070500Z.db' }).success, true);
});
