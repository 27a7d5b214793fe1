// "Delete one student's biometrics everywhere, including backups" (anchors-and-privacy.md R6). The
// hourly backups age out after backup.keep cycles, but the safety copy an admin restore leaves beside
// the database (rollcall.db.before-restore-<time>) is never pruned or scrubbed: a student whose face data
// was erased, with a receipt saying so, still has their templates in the data folder for good.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { tempDir } from '../../test-support/temp-dir.js';
import { testTemplateKey } from '../../test-support/template-key.js';
import { enrolledSchool } from '../../test-support/enrolled-school.js';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const config = parseConfig({
  ...defaults,
  kiosk: { ...defaults.kiosk, faceRecognition: true },
  privacy: { ...defaults.privacy, dpia: { reference: 'DPIA-1', date: '2026-09-01' } },
  backup: { ...defaults.backup, keep: 2 },
  disk: { ballastMiB: 1 },
});

/** Every SQLite file in the data folder (database, backups, safety and quarantine copies) holding templates of the student. */
function filesWithTemplatesOf(dataDir: string, studentNumber: string): string[] {
  const out: string[] = [];
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) visit(p);
      else if (/\.db($|\.)/.test(e.name) && !/-(wal|shm)$/.test(e.name)) {
        let db: Database.Database | null = null;
        try {
          db = new Database(p, { readonly: true, fileMustExist: true });
          const n = db.prepare('SELECT COUNT(*) FROM face_templates t JOIN students s ON s.id = t.student_id WHERE s.student_number = ?').pluck().get(studentNumber) as number;
          if (n > 0) out.push(e.name);
        } catch {
          // not a database
        } finally {
          db?.close();
        }
      }
    }
  };
  visit(dataDir);
  return out;
}

test('after a student’s face data is erased and the older backups have aged out, no file in the data folder holds their templates', async () => {
  const dataDir = join(tempDir(), 'data');
  mkdirSync(dataDir);
  const key = testTemplateKey(randomBytes(32));
  enrolledSchool(dataDir, { key: key.key, now: new Date('2026-09-07T08:00:00Z') }).db.close();
  const clock = manualClock(new Date('2026-12-07T07:00:00Z'));
  const core = createCore({ config, dataDir, clock, log: silentLogger, templateKey: key });
  await core.start();
  const it = { session: null };

  // IT restores a backup once (a routine fix), which leaves a safety copy of the live database.
  const backup = await core.handlers['backup:now']({}, it);
  assert.ok(backup.ok);
  clock.advance(60_000);
  const restored = await core.handlers['backup:restore']({ file: backup.backup.file }, it);
  assert.ok(restored.ok, restored.ok ? '' : restored.error);

  // The family asks for erasure; the receipt says the face data is deleted.
  clock.advance(60_000);
  const receipt = await core.handlers['privacy:delete-biometrics']({ studentNumber: '1001', requestedBy: 'J. Office' }, it);
  assert.equal(receipt.templatesDeleted, 2);

  // Two days and more than backup.keep backups later.
  for (let i = 0; i < 3; i++) {
    clock.advance(24 * 3600_000);
    assert.ok((await core.handlers['backup:now']({}, it)).ok);
  }
  await core.stop();
  assert.deepEqual(filesWithTemplatesOf(dataDir, '1001'), []);
});
