import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../../test-support/temp-dir.js';
import { schoolDatabase } from '../../test-support/school-db.js';
import { openDatabase } from './open.js';

const writer = fileURLToPath(new URL('../../test-support/check-in-writer.ts', import.meta.url));
const ROUNDS = 8;

/** Runs the writer from `first` and SIGKILLs it after `killAfter` acknowledgements; returns them. */
function runUntilKilled(file: string, first: number, killAfter: number): Promise<{ acks: string[]; finished: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file, String(first)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const acks: string[] = [];
    let finished = false;
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line === 'done') finished = true;
      else if (line.startsWith('ack ')) acks.push(line.slice(4));
      if (acks.length === killAfter) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`writer failed (${code}): ${stderr}`));
      else resolve({ acks, finished });
    });
  });
}

test('kill -9 during a burst of check-ins loses and duplicates no acknowledged check-in or text', async () => {
  const dir = tempDir();
  const { db, file } = schoolDatabase(dir, 1500, new Date('2026-12-07T06:00:00Z'));
  db.close();
  const acknowledged = new Set<string>();
  let next = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const killAfter = 5 + Math.floor(Math.random() * 120);
    const { acks } = await runUntilKilled(file, next, killAfter);
    for (const a of acks) acknowledged.add(a);
    next = acknowledged.size;
  }
  assert.ok(acknowledged.size > ROUNDS * 5);

  const after = openDatabase(file);
  assert.equal(after.pragma('integrity_check', { simple: true }), 'ok');
  const rows = after
    .prepare(
      `SELECT s.student_number AS number, COUNT(a.id) AS checkIns,
              (SELECT COUNT(*) FROM sms_outbox o WHERE o.attendance_id = MIN(a.id)) AS texts
         FROM attendance a JOIN students s ON s.id = a.student_id GROUP BY s.id`,
    )
    .all() as { number: string; checkIns: number; texts: number }[];
  const stored = new Map(rows.map((r) => [r.number, r]));
  for (const n of acknowledged) {
    assert.ok(stored.has(n), `acknowledged check-in of ${n} is in the database`);
  }
  for (const r of rows) {
    assert.equal(r.checkIns, 1, `${r.number} checked in once`);
    assert.equal(r.texts, 2, `${r.number}: one text per guardian, written with the check-in`);
  }
  // At most the one check-in per kill that committed before its acknowledgement was printed.
  assert.ok(rows.length - acknowledged.size <= ROUNDS, `${rows.length} stored, ${acknowledged.size} acknowledged`);
  const orphanTexts = (after.prepare('SELECT COUNT(*) AS n FROM sms_outbox WHERE attendance_id NOT IN (SELECT id FROM attendance)').get() as { n: number }).n;
  assert.equal(orphanTexts, 0);
  const duplicateTexts = (after.prepare('SELECT COUNT(*) AS n FROM (SELECT attendance_id, guardian_id FROM sms_outbox GROUP BY 1, 2 HAVING COUNT(*) > 1)').get() as { n: number }).n;
  assert.equal(duplicateTexts, 0);
  after.close();
});
