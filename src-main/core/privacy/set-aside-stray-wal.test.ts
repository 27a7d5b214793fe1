// Failing test: a database quarantined at start whose only remaining file was its -wal (the main file
// gone) is kept aside as rollcall.db.corrupt-<UTC>-wal. That file holds the last pages written (face
// templates included) and must go after backup.setAsideDays like every other set-aside copy.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../test-support/temp-dir.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { recoverAtStartup } from '../backup/restore.js';
import { listSetAsideCopies, pruneSetAsideCopies, scrubSetAsideCopies } from './set-aside-copies.js';
import type { ErasureLedger } from './erasure-ledger.js';

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

test('a set-aside copy with its -wal beside it is listed once, and a lone -wal is listed as not cleanable', () => {
  const dataDir = tempDir();
  for (const f of ['rollcall.db.corrupt-20261207T070000Z', 'rollcall.db.corrupt-20261207T070000Z-wal', 'rollcall.db.corrupt-20261208T070000Z-wal']) writeFileSync(join(dataDir, f), '');
  const copies = listSetAsideCopies(dataDir);
  assert.deepEqual(copies.map((c) => c.path.slice(dataDir.length + 1)).sort(), ['rollcall.db.corrupt-20261207T070000Z', 'rollcall.db.corrupt-20261208T070000Z-wal']);
  const ledger = { readAll: () => [{ studentId: 1 }] } as unknown as ErasureLedger;
  const lone = copies.filter((c) => c.path.endsWith('-wal'));
  assert.deepEqual(scrubSetAsideCopies(lone, ledger, silentLogger).notCleaned, [join(dataDir, 'rollcall.db.corrupt-20261208T070000Z-wal')]);
  assert.deepEqual(readdirSync(dataDir).filter((f) => f.includes('20261208')), ['rollcall.db.corrupt-20261208T070000Z-wal'], 'nothing is written beside it');
});
