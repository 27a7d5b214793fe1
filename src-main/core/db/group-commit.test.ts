import { test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { tempDir } from '../../test-support/temp-dir.js';
import { createGroupCommit } from './group-commit.js';
import { openDatabase } from './open.js';

function setup() {
  const file = join(tempDir(), 'rollcall.db');
  const db = openDatabase(file);
  db.exec('CREATE TABLE events (id TEXT PRIMARY KEY)');
  const insert = db.prepare('INSERT INTO events (id) VALUES (?) ON CONFLICT (id) DO NOTHING');
  // A second connection sees only what is committed.
  const reader = new Database(file, { readonly: true });
  const committed = () => (reader.prepare('SELECT id FROM events ORDER BY id').pluck().all() as string[]);
  return { db, insert, committed };
}

test('writes submitted in one turn share one transaction, and each caller hears its own result once it is committed', async () => {
  const { db, insert, committed } = setup();
  const seenBefore: Array<{ own: number; committed: number }> = [];
  const intake = createGroupCommit({
    db,
    write: (id: string) => {
      // Rows written earlier in the batch: visible to this connection, not yet to any other.
      seenBefore.push({ own: db.prepare('SELECT COUNT(*) FROM events').pluck().get() as number, committed: committed().length });
      return insert.run(id).changes === 1 ? 'stored' : 'duplicate';
    },
  });
  const answers = ['e1', 'e2', 'e1', 'e3'].map((id) => intake.submit(id).then((r) => ({ r, visible: committed().includes(id) })));
  assert.equal(intake.pending(), 4);
  assert.deepEqual(committed(), [], 'nothing is committed before the check phase');
  assert.deepEqual(await Promise.all(answers), [
    { r: 'stored', visible: true },
    { r: 'stored', visible: true },
    { r: 'duplicate', visible: true },
    { r: 'stored', visible: true },
  ]);
  assert.deepEqual(seenBefore, [
    { own: 0, committed: 0 },
    { own: 1, committed: 0 },
    { own: 2, committed: 0 },
    { own: 2, committed: 0 },
  ]);
  assert.equal(await intake.submit('e4'), 'stored', 'a lone write later is committed on its own');
  assert.deepEqual(committed(), ['e1', 'e2', 'e3', 'e4']);
});

test('a batch that fails is rolled back whole and every caller in it is refused, so none was answered as stored', async () => {
  const { db, insert, committed } = setup();
  const intake = createGroupCommit({
    db,
    write: (id: string) => {
      if (id === 'bad') throw Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      return insert.run(id).changes;
    },
  });
  const results = await Promise.allSettled(['a', 'bad', 'b'].map((id) => intake.submit(id)));
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
  assert.equal((results[0] as PromiseRejectedResult).reason.code, 'SQLITE_FULL');
  assert.deepEqual(committed(), []);
  assert.equal(await intake.submit('c'), 1, 'the next batch commits normally');
});

test('a full batch commits at once, and flush commits what waits without a turn of the loop', async () => {
  const { db, insert, committed } = setup();
  const intake = createGroupCommit({ db, write: (id: string) => insert.run(id).changes, maxBatch: 2 });
  const first = [intake.submit('a'), intake.submit('b')];
  assert.deepEqual(committed(), ['a', 'b']);
  const third = intake.submit('c');
  intake.flush();
  assert.deepEqual(committed(), ['a', 'b', 'c']);
  assert.deepEqual(await Promise.all([...first, third]), [1, 1, 1]);
});
