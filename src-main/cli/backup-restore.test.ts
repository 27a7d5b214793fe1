import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readdirSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../../e2e/support/serve-process.js';
import { openDatabase } from '../core/db/open.js';
import { pendingRestore } from '../core/backup/recoveries.js';
import { tempDir } from '../test-support/temp-dir.js';
import { schoolDatabase } from '../test-support/school-db.js';

const count = (file: string, table: string) => {
  const db = openDatabase(file);
  const n = (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  db.close();
  return n;
};

test('npm run backup takes a verified backup and npm run restore puts it back, keeping the current database aside', async () => {
  const dir = tempDir();
  const { db, file } = schoolDatabase(dir, 4);
  db.close();
  const b = await runScript('src-main/cli/backup.ts', ['--data-dir', dir]);
  assert.equal(b.code, 0, b.stderr);
  assert.match(b.stdout, /Backup .*rollcall-000001-\d{8}T\d{6}Z\.db verified \(integrity ok; 4 students, 0 attendance rows/);

  const live = openDatabase(file);
  live.prepare("INSERT INTO recognition_events (occurred_at, outcome) VALUES ('2026-12-07T08:30:00Z', 'unknown')").run();
  const refused = await runScript('src-main/cli/restore.ts', ['--data-dir', dir]);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /The kiosk is using the database; stop it first/);
  live.close();

  const r = await runScript('src-main/cli/restore.ts', ['--data-dir', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Restored rollcall-000001-.*\.db \(taken /);
  assert.match(r.stdout, /The previous database is kept as .*rollcall\.db\.before-restore-\d{8}T\d{6}Z/);
  assert.match(r.stdout, /No check-ins were recorded after the backup: nothing is lost\./);
  assert.equal(count(file, 'recognition_events'), 0);
  const safety = readdirSync(dir).find((n) => /^rollcall\.db\.before-restore-\d{8}T\d{6}Z$/.test(n))!;
  assert.equal(count(join(dir, safety), 'recognition_events'), 1, 'the safety copy holds what the backup lacks');
  assert.ok(pendingRestore(dir), 'the kiosk runs the after-restore steps at its next start');
});

test('npm run restore counts the check-ins recorded after the backup that the restored database lacks', async () => {
  const dir = tempDir();
  const { db, file } = schoolDatabase(dir, 4);
  db.close();
  assert.equal((await runScript('src-main/cli/backup.ts', ['--data-dir', dir])).code, 0);
  const live = openDatabase(file);
  const student = live.prepare('SELECT MIN(id) FROM students').pluck().get() as number;
  live
    .prepare("INSERT INTO attendance (student_id, occurred_at, local_date, local_time, session, kind, status, method, created_at) VALUES (?, ?, '2026-12-07', '08:30', 'morning', 'check_in', 'on_time', 'qr', ?)")
    .run(student, new Date().toISOString(), new Date().toISOString());
  live.close();
  const r = await runScript('src-main/cli/restore.ts', ['--data-dir', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /1 check-in recorded after the backup is not in the restored database \(recorded between \S+ and \S+\)\./);
  assert.equal(count(file, 'attendance'), 0);
});

test('npm run restore refuses a damaged backup and changes nothing', async () => {
  const dir = tempDir();
  const { db, file } = schoolDatabase(dir, 4);
  db.close();
  assert.equal((await runScript('src-main/cli/backup.ts', ['--data-dir', dir])).code, 0);
  const backup = join(dir, 'backups', readdirSync(join(dir, 'backups')).find((n) => n.endsWith('.db'))!);
  const fd = openSync(backup, 'r+');
  writeSync(fd, Buffer.alloc(20, 0x58), 0, 20, 0);
  closeSync(fd);
  const r = await runScript('src-main/cli/restore.ts', ['--data-dir', dir, '--backup', backup]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The backup failed verification; nothing was changed/);
  assert.match(r.stderr, /sha256 differs from the manifest/);
  assert.equal(count(file, 'students'), 4);
  assert.ok(!readdirSync(dir).some((n) => n.includes('before-restore')));
  assert.ok(!readdirSync(dir).some((n) => n.includes('.staged-') || n.includes('.restore-tmp')), 'no staged copy left behind');
});

test('npm run backup without a database says so instead of backing up an empty one', async () => {
  const dir = tempDir();
  const r = await runScript('src-main/cli/backup.ts', ['--data-dir', dir]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /No database at .*rollcall\.db; nothing to back up/);
});
