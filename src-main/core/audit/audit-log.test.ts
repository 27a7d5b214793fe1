import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/open.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createAuditLog, verifyAuditLog } from './audit-log.js';

function setup() {
  const file = join(tempDir(), 'rollcall.db');
  const clock = manualClock(new Date('2026-09-07T07:00:00Z'));
  const db = openDatabase(file, { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  return { file, db, clock, audit };
}

test('entries chain and verify; the newest comes first in the list', () => {
  const { db, clock, audit } = setup();
  audit.append({ actor: 'office', action: 'attendance.correct', subject: 'student:1001', details: { reason: 'bus late' } });
  clock.advance(60_000);
  audit.append({ actor: 'it', action: 'settings.update', details: { key: 'sms.limits.perMinute', from: 10, to: 20 } });
  const [newest, oldest] = audit.list();
  assert.equal(newest!.action, 'settings.update');
  assert.equal(newest!.prevHash, oldest!.hash);
  assert.equal(oldest!.occurredAt, '2026-09-07T07:00:00.000Z');
  assert.deepEqual(oldest!.details, { reason: 'bus late' });
  assert.deepEqual(verifyAuditLog(db), { ok: true, rows: 2 });
});

test('the database refuses edits and deletes of history', () => {
  const { db, audit } = setup();
  audit.append({ actor: 'office', action: 'student.create', subject: 'student:1001' });
  assert.throws(() => db.prepare("UPDATE audit_log SET actor = 'x'").run(), /append-only/);
  assert.throws(() => db.prepare('DELETE FROM audit_log').run(), /append-only/);
});

test('tampering behind the triggers is found at the row where it happened', () => {
  const { file, db, audit } = setup();
  for (const n of [1, 2, 3]) audit.append({ actor: 'office', action: 'student.update', subject: `student:${n}` });
  db.close();
  const raw = new Database(file);
  raw.exec('DROP TRIGGER audit_log_no_update');
  raw.prepare("UPDATE audit_log SET subject = 'student:9' WHERE seq = 2").run();
  assert.deepEqual(verifyAuditLog(raw), { ok: false, rows: 2, brokenAt: 2, reason: 'row content does not match its hash (the row was edited)' });
  raw.exec('DROP TRIGGER audit_log_no_delete');
  raw.prepare('DELETE FROM audit_log WHERE seq = 2').run();
  assert.equal((verifyAuditLog(raw) as { brokenAt: number }).brokenAt, 3);
  raw.close();
});
