import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tempDir } from '../../test-support/temp-dir.js';
import { openDatabase, schemaVersion } from './open.js';
import { assertSqliteVersion, sqliteVersionIsSafe } from './sqlite-version.js';

test('every open, first or later, runs WAL with synchronous=FULL, foreign keys and a busy timeout', () => {
  const file = join(tempDir(), 'rollcall.db');
  openDatabase(file).close();
  // better-sqlite3 reopens a WAL database with synchronous=NORMAL unless told otherwise.
  const plain = new Database(file);
  assert.equal(plain.pragma('synchronous', { simple: true }), 1);
  plain.close();
  const db = openDatabase(file);
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('synchronous', { simple: true }), 2);
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.ok((db.pragma('busy_timeout', { simple: true }) as number) >= 5000);
  assert.ok(sqliteVersionIsSafe((db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v));
  db.close();
});

test('SQLite builds with the WAL-reset bug are refused with a clear message', () => {
  assert.throws(() => assertSqliteVersion('3.51.2'), /SQLite 3\.51\.2 has the WAL-reset corruption bug; Rollcall needs 3\.51\.3 or newer/);
  assert.throws(() => assertSqliteVersion('3.45.1'));
  assert.throws(() => assertSqliteVersion('3.50.6'));
  for (const ok of ['3.51.3', '3.53.2', '3.50.7', '3.44.6', '4.0.0']) assert.doesNotThrow(() => assertSqliteVersion(ok), ok);
});

test('a migration that fails leaves nothing half-applied, and the next start applies it whole', () => {
  const file = join(tempDir(), 'rollcall.db');
  openDatabase(file).close();
  const broken = { version: 99, name: 'broken', sql: 'CREATE TABLE half (a); INSERT INTO nowhere VALUES (1);' };
  assert.throws(() => openDatabase(file, { migrations: [broken] }), /no such table: nowhere/);
  const db = new Database(file);
  assert.equal((db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'half'").get() as { n: number }).n, 0);
  db.close();
  const fixed = { version: 99, name: 'fixed', sql: 'CREATE TABLE half (a);' };
  const again = openDatabase(file, { migrations: [fixed] });
  assert.equal(schemaVersion(again), 99);
  again.close();
});

test('a database from a newer app is not touched', () => {
  const file = join(tempDir(), 'rollcall.db');
  openDatabase(file, { migrations: [{ version: 999, name: 'future', sql: 'CREATE TABLE future (a);' }] }).close();
  assert.throws(() => openDatabase(file), /schema version 999 is newer than this app knows/);
});
