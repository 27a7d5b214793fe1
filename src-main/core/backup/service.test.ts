import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { schoolDatabase } from '../../test-support/school-db.js';
import { createBackupService } from './service.js';

function setup(opts: { keep?: number; free?: () => number } = {}) {
  const dataDir = tempDir();
  const { db } = schoolDatabase(dataDir, 10);
  const clock = manualClock(new Date('2026-12-07T08:00:00Z'));
  let mono = 0;
  const settings = { keep: opts.keep ?? 24, intervalMinutes: 60 };
  const service = createBackupService({
    db,
    dataDir,
    clock,
    log: silentLogger,
    settings: () => settings,
    monotonic: () => mono,
    freeBytes: opts.free,
  });
  const pass = (ms: number) => {
    clock.advance(ms);
    mono += ms;
  };
  return { dataDir, db, clock, service, pass, settings, stepWallClock: (ms: number) => clock.advance(ms) };
}

test('a backup is verified, published with its manifest and opens as a self-contained file', async () => {
  const { dataDir, service } = setup();
  const r = await service.backupNow();
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.equal(r.backup.integrity, 'ok');
  assert.equal(r.backup.counts.students, 10);
  assert.equal(r.backup.counts.guardians, 20);
  assert.equal(r.backup.takenAt, '2026-12-07T08:00:00.000Z');
  const names = readdirSync(join(dataDir, 'backups')).sort();
  assert.deepEqual(names, ['rollcall-000001-20261207T080000Z.db', 'rollcall-000001-20261207T080000Z.json']);
  const copy = new Database(r.backup.path, { readonly: true });
  assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete');
  assert.equal((copy.prepare('SELECT COUNT(*) AS n FROM students').get() as { n: number }).n, 10);
  copy.close();
  const s = service.status();
  assert.equal(s.count, 1);
  assert.equal(s.ageSeconds, 0);
  assert.equal(s.lastError, null);
});

test('only the newest `keep` backups are kept, in the order they were taken', async () => {
  const { service, pass } = setup({ keep: 3 });
  for (let i = 0; i < 5; i++) {
    assert.ok((await service.backupNow()).ok);
    pass(3_600_000);
  }
  assert.deepEqual(service.list().map((b) => b.seq), [5, 4, 3]);
});

test('a cycle without disk space fails, says why, and deletes no good backup', async () => {
  let free = Number.MAX_SAFE_INTEGER;
  const { service, pass } = setup({ keep: 2, free: () => free });
  await service.backupNow();
  pass(3_600_000);
  await service.backupNow();
  free = 1000;
  pass(3_600_000);
  const r = await service.backupNow();
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /not enough free disk space/);
  assert.deepEqual(service.list().map((b) => b.seq), [2, 1]);
  assert.match(service.status().lastError?.message ?? '', /not enough free disk space/);
});

test('a copy that fails verification is never published and the older backups stay', async () => {
  const { dataDir, db, service, pass } = setup({ keep: 1 });
  assert.ok((await service.backupNow()).ok);
  db.pragma('foreign_keys = OFF');
  db.prepare(
    "INSERT INTO student_guardians (student_id, guardian_id) VALUES (9999, 9999)",
  ).run();
  db.pragma('foreign_keys = ON');
  pass(3_600_000);
  const r = await service.backupNow();
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.error : '', /foreign_key_check/);
  assert.deepEqual(service.list().map((b) => b.seq), [1]);
  assert.ok(!readdirSync(join(dataDir, 'backups')).some((n) => n.startsWith('.tmp-')), 'no partial copy left behind');
});

test('backups come due an interval after the newest verified one, across restarts', async () => {
  const { db, dataDir, clock, service, pass } = setup();
  assert.equal(service.isDue(), true, 'no backup yet');
  await service.runDueCheck();
  pass(59 * 60_000);
  assert.equal(await service.runDueCheck(), null);
  pass(60_000);
  const r = await service.runDueCheck();
  assert.ok(r?.ok);
  // A restarted kiosk (new service, monotonic clock back at zero) is due from the newest backup's time.
  const again = createBackupService({ db, dataDir, clock, log: silentLogger, settings: () => ({ keep: 24, intervalMinutes: 60 }), monotonic: () => 0 });
  assert.equal(again.isDue(), false);
  clock.advance(2 * 3_600_000); // asleep for two hours
  assert.equal(again.isDue(), true);
});

test('a wall clock stepped back an hour does not hold back the next backup, nor reorder pruning', async () => {
  const { service, pass, stepWallClock } = setup({ keep: 2 });
  await service.backupNow();
  stepWallClock(-3_600_000);
  pass(30 * 60_000);
  assert.equal(service.isDue(), false, 'half an hour of real time passed');
  pass(30 * 60_000);
  assert.equal(service.isDue(), true, 'an hour of real time passed although the wall clock shows the same hour');
  await service.runDueCheck();
  pass(3_600_000);
  await service.runDueCheck();
  assert.deepEqual(service.list().map((b) => b.seq), [3, 2], 'the newest taken survive, whatever their clock times');
});

test('a newest backup dated in the future (clock went back while the kiosk was off) makes a backup due', async () => {
  const { db, dataDir, clock, service } = setup();
  await service.backupNow();
  clock.advance(-3_600_000);
  const restarted = createBackupService({ db, dataDir, clock, log: silentLogger, settings: () => ({ keep: 24, intervalMinutes: 60 }), monotonic: () => 0 });
  assert.equal(restarted.isDue(), true);
});

test('a wall clock stepped forward an hour takes one backup early and keeps the hourly rhythm', async () => {
  const { service, pass, stepWallClock } = setup();
  await service.backupNow();
  pass(10 * 60_000);
  stepWallClock(3_600_000);
  assert.ok((await service.runDueCheck())?.ok);
  pass(59 * 60_000);
  assert.equal(await service.runDueCheck(), null);
  pass(60_000);
  assert.ok((await service.runDueCheck())?.ok);
  assert.equal(service.list().length, 3);
});

test('two requests at once share one cycle', async () => {
  const { service } = setup();
  const [a, b] = await Promise.all([service.backupNow(), service.backupNow()]);
  assert.equal(a, b);
  assert.equal(service.list().length, 1);
  assert.ok(existsSync(service.list()[0]!.path));
});

test('a backup taken while check-ins are written and another process reads is one consistent, verified snapshot', async () => {
  const { db, service } = setup();
  const reader = new Database(db.name);
  reader.exec('BEGIN');
  reader.prepare('SELECT COUNT(*) FROM students').get();
  const insert = db.prepare("INSERT INTO recognition_events (occurred_at, outcome) VALUES ('2026-12-07T08:00:00Z', 'unknown')");
  let writes = 0;
  let done = false;
  const pending = service.backupNow().finally(() => (done = true));
  await new Promise<void>((resolve) => {
    const write = () => {
      if (done) return resolve();
      insert.run();
      writes++;
      setImmediate(write);
    };
    write();
  });
  const r = await pending;
  reader.exec('COMMIT');
  reader.close();
  assert.ok(r.ok, r.ok ? '' : r.error);
  assert.ok(writes > 0, 'the kiosk kept writing during the backup');
  const inBackup = r.backup.counts.recognition_events!;
  assert.ok(inBackup <= writes, `${inBackup} of ${writes} writes are in the snapshot`);
  const live = (db.prepare('SELECT COUNT(*) AS n FROM recognition_events').get() as { n: number }).n;
  assert.equal(live, writes, 'no write was lost or refused while the copy ran');
});
