// Failing test: a database quarantined at start whose only remaining file was its -wal (the main file
// gone) is kept aside as rollcall.db.corrupt-<UTC>-wal. That file holds the last pages written (face
// templates included) and must go after backup.setAsideDays like every other set-aside copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../test-support/temp-dir.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { recoverAtStartup } from '../backup/restore.js';
import { listSetAsideCopies, pruneSetAsideCopies } from './set-aside-copies.js';

test('a stray -wal kept aside at start is deleted once backup.setAsideDays have passed', () => {
  const dataDir = tempDir();
  const dbFile = join(dataDir, 'rollcall.db');
  // A database whose recent writes are still in its -wal; then only the -wal is left on disk.
  const scratch = join(tempDir(), 'scratch.db');
  const db = new Database(scratch);
  db.pragma('journal_mode = WAL');
  db.pragma('wal_autocheckpoint = 0');
  db.exec("CREATE TABLE face_templates (student_id INTEGER, template BLOB); INSERT INTO face_templates VALUES (1, randomblob(512))");
  copyFileSync(`${scratch}-wal`, `${dbFile}-wal`);
  db.close();

  const clock = manualClock(new Date('2026-12-07T07:00:00Z'));
  const incident = recoverAtStartup({ dataDir, dbFile, clock, log: silentLogger });
  assert.ok(incident, 'the stray -wal is quarantined');
  const kept = incident.keptAside;
  assert.ok(kept.length > 0 && kept.every((f) => existsSync(f)), `kept aside: ${JSON.stringify(kept)}`);

  // Eight days later, with backup.setAsideDays at its default of 7.
  pruneSetAsideCopies(listSetAsideCopies(dataDir), new Date('2026-12-15T07:00:00Z'), 7);
  assert.deepEqual(kept.filter((f) => existsSync(f)), [], `still in the data folder: ${readdirSync(dataDir).join(', ')}`);
});
