import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, existsSync, openSync, readdirSync, statSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/open.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { schoolDatabase } from '../../test-support/school-db.js';
import { createBackupService } from './service.js';
import { recoverAtStartup, runPendingAfterRestore } from './restore.js';
import { lastRecovery, pendingRestore } from './recoveries.js';
import type { RecoveryIncident } from './recoveries.js';

type Damage = (file: string) => void;

function overwrite(file: string, offset: number, bytes: Buffer): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, bytes, 0, bytes.length, offset);
  closeSync(fd);
}

/** The first 20 bytes of the header ("SQLite format 3\0" and the page size). */
const header: Damage = (f) => overwrite(f, 0, Buffer.alloc(20, 0x58));
/** The root page of the students table, set to 0xAB throughout. */
const studentsPage: Damage = (f) => {
  const db = new Database(f, { readonly: true });
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'students'").get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  overwrite(f, (rootpage - 1) * pageSize, Buffer.alloc(pageSize, 0xab));
};
const zeroLength: Damage = (f) => truncateSync(f, 0);
/** The root page of the index on guardians' phone numbers, zeroed. */
const indexPage: Damage = (f) => {
  const db = new Database(f, { readonly: true });
  const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND tbl_name = 'guardians'").get() as { rootpage: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  overwrite(f, (rootpage - 1) * pageSize, Buffer.alloc(pageSize, 0));
};
const truncatedToHalf: Damage = (f) => truncateSync(f, Math.floor(statSync(f).size / 2 / 4096) * 4096);

/** A kiosk that ran for two hours: backups at 08:00 and 09:00, a sighting recorded in between. */
async function kioskWithTwoBackups() {
  const dataDir = tempDir();
  const { db, file } = schoolDatabase(dataDir, 300);
  const clock = manualClock(new Date('2026-12-07T08:00:00Z'));
  const backups = createBackupService({ db, dataDir, clock, log: silentLogger, settings: () => ({ keep: 24, intervalMinutes: 60 }) });
  assert.ok((await backups.backupNow()).ok);
  db.prepare("INSERT INTO recognition_events (occurred_at, outcome) VALUES ('2026-12-07T08:30:00Z', 'unknown')").run();
  clock.advance(3_600_000);
  assert.ok((await backups.backupNow()).ok);
  const [newest, older] = backups.list();
  db.close();
  clock.advance(20 * 60_000);
  return { dataDir, file, clock, newest: newest!, older: older! };
}

const cases = [
  ['a corrupt header', header],
  ['a corrupt table page', studentsPage],
  ['a zeroed index page', indexPage],
  ['a file truncated to half', truncatedToHalf],
  ['a zero-length file', zeroLength],
] as const;

for (const [name, damage] of cases) {
  test(`${name} at startup, with the newest backup bad too, is quarantined and the next good backup restored`, async () => {
    const { dataDir, file, clock, newest, older } = await kioskWithTwoBackups();
    damage(file);
    studentsPage(newest.path);

    const incident = recoverAtStartup({ dataDir, dbFile: file, clock, log: silentLogger });

    assert.ok(incident);
    assert.equal(incident.kind, 'startup_recovery');
    assert.equal(incident.reason, damage === zeroLength ? 'empty' : 'corrupt');
    assert.equal(incident.restoredFrom, older.file);
    assert.deepEqual(incident.rejected.map((r) => r.file), [newest.file]);
    assert.equal(incident.lostFrom, '2026-12-07T08:00:00.000Z');
    assert.equal(incident.detectedAt, '2026-12-07T09:20:00.000Z');
    assert.ok(incident.keptAside.includes(`${file}.corrupt-20261207T092000Z`));
    assert.ok(existsSync(`${file}.corrupt-20261207T092000Z`), 'the bad file is kept in the data folder');
    assert.ok(!existsSync(`${file}-wal`) && !existsSync(`${file}-shm`), 'no old sidecar is left to pair with the restored file');
    assert.ok(existsSync(`${newest.path}.rejected`), 'the bad backup is set aside, not deleted');
    assert.deepEqual(lastRecovery(dataDir), incident);

    const db = openDatabase(file);
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM students').get() as { n: number }).n, 300);
    assert.equal((db.prepare('SELECT COUNT(*) AS n FROM recognition_events').get() as { n: number }).n, 0, 'the 08:00 state');
    const seen: RecoveryIncident[] = [];
    await runPendingAfterRestore({ db, dataDir, log: silentLogger, afterRestore: [({ incident: i }) => void seen.push(i)] });
    assert.deepEqual(seen, [incident]);
    assert.equal(pendingRestore(dataDir), null, 'the hooks run once');
    db.close();
  });
}

test('a healthy database, even with an un-checkpointed WAL, is left alone', async () => {
  const dataDir = tempDir();
  const { db, file } = schoolDatabase(dataDir, 5);
  const writer = new Database(file);
  writer.pragma('wal_autocheckpoint = 0');
  writer.prepare("INSERT INTO recognition_events (occurred_at, outcome) VALUES ('2026-12-07T08:30:00Z', 'unknown')").run();
  assert.ok(existsSync(`${file}-wal`));
  const clock = manualClock(new Date('2026-12-07T09:00:00Z'));
  assert.equal(recoverAtStartup({ dataDir, dbFile: file, clock, log: silentLogger }), null);
  writer.close();
  db.close();
});

test('a first start (no database, no backups) is not an incident', () => {
  const dataDir = tempDir();
  assert.equal(recoverAtStartup({ dataDir, dbFile: join(dataDir, 'rollcall.db'), clock: manualClock(new Date()), log: silentLogger }), null);
  assert.deepEqual(readdirSync(dataDir), []);
});

test('a database that vanished while backups exist is restored rather than started empty', async () => {
  const { dataDir, file, clock, newest } = await kioskWithTwoBackups();
  for (const s of ['', '-wal', '-shm']) if (existsSync(file + s)) truncateSync(file + s, 0);
  const { rmSync } = await import('node:fs');
  rmSync(file);
  const incident = recoverAtStartup({ dataDir, dbFile: file, clock, log: silentLogger });
  assert.equal(incident?.reason, 'missing');
  assert.equal(incident?.restoredFrom, newest.file);
});

test('with no usable backup the kiosk starts with a new database and the loss is recorded as total', async () => {
  const { dataDir, file, clock, newest, older } = await kioskWithTwoBackups();
  header(file);
  header(newest.path);
  header(older.path);
  const incident = recoverAtStartup({ dataDir, dbFile: file, clock, log: silentLogger });
  assert.equal(incident?.restoredFrom, null);
  assert.equal(incident?.lostFrom, null);
  assert.equal(incident?.rejected.length, 2);
  assert.ok(!existsSync(file));
  assert.equal(pendingRestore(dataDir), null);
});
