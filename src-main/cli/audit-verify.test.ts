import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runScript } from '../../e2e/support/serve-process.js';
import { openDatabase } from '../core/db/open.js';
import { createAuditLog } from '../core/audit/audit-log.js';
import { manualClock } from '../core/time/clock.js';
import { tempDir } from '../test-support/temp-dir.js';

function kioskWithAudit(entries: number) {
  const dir = tempDir();
  const file = join(dir, 'rollcall.db');
  const db = openDatabase(file);
  const audit = createAuditLog(db, manualClock(new Date('2026-12-07T08:00:00Z')));
  for (let i = 0; i < entries; i++) audit.append({ actor: 'office', action: 'attendance.correct', subject: `attendance:${i}` });
  return { dir, db };
}

test('audit:verify says an untouched audit log is intact', async () => {
  const { dir, db } = kioskWithAudit(3);
  db.close();
  const r = await runScript('src-main/cli/audit-verify.ts', ['--data-dir', dir]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'Audit log intact: 3 entries, every hash matches\n');
});

test('audit:verify finds an edited entry even when the edit bypassed the append-only triggers', async () => {
  const { dir, db } = kioskWithAudit(3);
  // Someone with the file and a SQLite shell: drop the guards, rewrite history, restore the guards.
  const triggers = db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").all() as { name: string; sql: string }[];
  for (const t of triggers) db.exec(`DROP TRIGGER ${t.name}`);
  db.prepare("UPDATE audit_log SET subject = 'attendance:99' WHERE seq = 2").run();
  for (const t of triggers) db.exec(t.sql);
  db.close();
  const r = await runScript('src-main/cli/audit-verify.ts', ['--data-dir', dir]);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Audit log BROKEN at entry 2 (after 1 good entries): row content does not match its hash (the row was edited)\n');
});

test('audit:verify without a database says so', async () => {
  const r = await runScript('src-main/cli/audit-verify.ts', ['--data-dir', tempDir()]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /No kiosk database/);
});
