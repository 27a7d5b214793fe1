// The copies of the database the kiosk keeps aside (restore safety copies, quarantined corrupt files,
// rejected backups) get every erasure applied, and go after backup.setAsideDays, so a deletion receipt
// stays true for the whole data folder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
  disk: { ballastMiB: 1 },
});

const templatesOf = (file: string, studentNumber: string) => {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT COUNT(*) FROM face_templates t JOIN students s ON s.id = t.student_id WHERE s.student_number = ?').pluck().get(studentNumber) as number;
  } finally {
    db.close();
  }
};

test('an erasure cleans the set-aside copies it can open, and every set-aside copy is deleted after backup.setAsideDays', async () => {
  const dataDir = join(tempDir(), 'data');
  mkdirSync(join(dataDir, 'backups'), { recursive: true });
  const key = testTemplateKey(randomBytes(32));
  enrolledSchool(dataDir, { key: key.key, now: new Date('2026-09-07T08:00:00Z') }).db.close();
  const aside = (name: string) => join(dataDir, name);
  // A safety copy from yesterday's restore (a real database), damaged files quarantined 17 and 2 days ago,
  // and a backup refused during a restore a month ago.
  copyFileSync(join(dataDir, 'rollcall.db'), aside('rollcall.db.before-restore-20261206T070000Z'));
  writeFileSync(aside('rollcall.db.corrupt-20261120T070000Z'), randomBytes(8192));
  writeFileSync(aside('rollcall.db.corrupt-20261205T070000Z'), randomBytes(8192));
  writeFileSync(join(dataDir, 'backups', 'rollcall-000001-20261101T000000Z.db.rejected'), randomBytes(4096));
  writeFileSync(join(dataDir, 'backups', 'rollcall-000001-20261101T000000Z.json.rejected'), '{}');
  assert.equal(templatesOf(aside('rollcall.db.before-restore-20261206T070000Z'), '1001'), 2);

  const clock = manualClock(new Date('2026-12-07T07:00:00Z'));
  const core = createCore({ config, dataDir, clock, log: silentLogger, templateKey: key });
  await core.start();
  // At start, what is past its 7 days goes.
  assert.equal(existsSync(aside('rollcall.db.corrupt-20261120T070000Z')), false);
  assert.equal(existsSync(join(dataDir, 'backups', 'rollcall-000001-20261101T000000Z.db.rejected')), false);
  assert.equal(existsSync(join(dataDir, 'backups', 'rollcall-000001-20261101T000000Z.json.rejected')), false);
  assert.equal(existsSync(aside('rollcall.db.corrupt-20261205T070000Z')), true);

  const receipt = await core.handlers['privacy:delete-biometrics']({ studentNumber: '1001', requestedBy: 'J. Office' }, { session: null });
  assert.equal(receipt.templatesDeleted, 2);
  assert.match(receipt.html, /a copy too damaged to clean is deleted 7 days after it was set aside/);
  // The readable copy is cleaned at once and keeps everyone else's data; the damaged one waits for its days.
  assert.equal(templatesOf(aside('rollcall.db.before-restore-20261206T070000Z'), '1001'), 0);
  assert.ok(templatesOf(aside('rollcall.db.before-restore-20261206T070000Z'), '1002') > 0);
  assert.equal(existsSync(aside('rollcall.db.corrupt-20261205T070000Z')), true);

  // A week later the daily retention run removes both.
  clock.advance(6 * 86_400_000);
  core.privacy.retentionJob(core.db, clock.now());
  assert.equal(existsSync(aside('rollcall.db.corrupt-20261205T070000Z')), false);
  assert.equal(existsSync(aside('rollcall.db.before-restore-20261206T070000Z')), true, 'the safety copy is 6 days old');
  clock.advance(86_400_000);
  core.privacy.retentionJob(core.db, clock.now());
  assert.equal(existsSync(aside('rollcall.db.before-restore-20261206T070000Z')), false);
  await core.stop();
});
