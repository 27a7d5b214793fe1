import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { tempDir } from '../../test-support/temp-dir.js';
import { testTemplateKey } from '../../test-support/template-key.js';
import { containsVector, enrolledSchool, MODEL } from '../../test-support/enrolled-school.js';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { openDatabase } from '../db/open.js';
import { addTemplate } from '../recognition/templates.js';
import { verifyAuditLog } from '../audit/audit-log.js';
import { createErasureLedger } from './erasure-ledger.js';
import { eraseBiometrics, reapplyErasures } from './erasure.js';
import { photoDir } from './photo-store.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const config = parseConfig({
  ...defaults,
  school: { ...defaults.school, name: 'Hill School' },
  kiosk: { ...defaults.kiosk, faceRecognition: true },
  // Photos kept for a while, so the daily retention job at start leaves the one this test deletes.
  privacy: { ...defaults.privacy, dpia: { reference: 'DPIA-1', date: '2026-09-01' }, keepEnrolmentPhotosDays: 30 },
});
const ENROLLED_AT = new Date('2026-09-07T08:00:00Z');

function school() {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const key = testTemplateKey(randomBytes(32));
  const seeded = enrolledSchool(dataDir, { key: key.key, now: ENROLLED_AT });
  seeded.db.close();
  const clock = manualClock(new Date('2026-12-07T07:52:00Z'));
  const start = () => createCore({ config, dataDir, clock, log: silentLogger, templateKey: key });
  return { dir, dataDir, key, clock, start, vectors: seeded.vectors, dbFile: join(dataDir, 'rollcall.db') };
}

const templatesOf = (db: Database.Database, number: string) =>
  db.prepare('SELECT COUNT(*) FROM face_templates t JOIN students s ON s.id = t.student_id WHERE s.student_number = ?').pluck().get(number) as number;

test('deleting a student’s biometric data removes it from the live database, records it twice, and gives a receipt', async () => {
  const s = school();
  mkdirSync(photoDir(s.dataDir, 'enrolment', '1001'), { recursive: true });
  writeFileSync(join(photoDir(s.dataDir, 'enrolment', '1001'), 'kept.jpg'), 'jpeg bytes');
  const core = s.start();
  await core.start();
  const receipt = await core.handlers['privacy:delete-biometrics']({ studentNumber: '1001', requestedBy: 'J. Office' }, { session: null });

  assert.equal(receipt.templatesDeleted, 2);
  assert.equal(receipt.photosDeleted, 1);
  assert.equal(receipt.reason, 'request');
  assert.equal(templatesOf(core.db, '1001'), 0);
  assert.equal(templatesOf(core.db, '1002'), 2);
  assert.equal(existsSync(photoDir(s.dataDir, 'enrolment', '1001')), false);
  assert.match(receipt.html, /Receipt: biometric data deleted/);
  assert.match(receipt.html, /@media print/);
  assert.ok(receipt.html.includes(receipt.erasureId));

  const line = JSON.parse(readFileSync(join(s.dataDir, 'erasures.jsonl'), 'utf8').trim());
  assert.equal(line.studentNumber, '1001');
  assert.equal(line.erasureId, receipt.erasureId);
  assert.equal(core.db.prepare('SELECT COUNT(*) FROM biometric_erasures').pluck().get(), 1);
  assert.throws(() => core.db.prepare('DELETE FROM biometric_erasures').run(), /append-only/);
  const audit = core.audit.list({ subject: 'student:1001' });
  assert.equal(audit[0]!.action, 'biometrics.erase');
  assert.equal(verifyAuditLog(core.db).ok, true);
  assert.equal((await core.handlers['privacy:erasure-receipt']({ erasureId: receipt.erasureId }, { session: null })).templatesDeleted, 2);

  // The kiosk no longer knows Ana's face; Ben's still works.
  const probe = (n: string) => ({ modelId: MODEL, embeddings: [[...s.vectors.get(n)![0]!]], quality: 0.9 });
  assert.equal((await core.handlers['kiosk:identify'](probe('1001'), { session: null })).outcome, 'not_recognised');
  assert.equal((await core.handlers['kiosk:identify'](probe('1002'), { session: null })).outcome, 'recorded');
  await core.stop();

  const raw = Buffer.concat([s.dbFile, `${s.dbFile}-wal`].filter(existsSync).map((f) => readFileSync(f)));
  for (const v of s.vectors.get('1001')!) assert.equal(containsVector(raw, v), false);
});

test('a backup taken before a deletion, once restored, has the deletion re-applied by the afterRestore hook', async () => {
  const s = school();
  const core = s.start();
  await core.start();
  const backupFile = join(s.dir, 'backup-0700.db');
  await core.db.backup(backupFile);
  s.clock.advance(60_000);
  await core.handlers['privacy:delete-biometrics']({ studentNumber: '1002', requestedBy: 'J. Office' }, { session: null });
  await core.stop();

  // The restore: the older file replaces the live database (the erasure ledger file is untouched).
  for (const f of [s.dbFile, `${s.dbFile}-wal`, `${s.dbFile}-shm`]) rmSync(f, { force: true });
  copyFileSync(backupFile, s.dbFile);
  const restored = openDatabase(s.dbFile);
  assert.equal(templatesOf(restored, '1002'), 2, 'the backup still holds the deleted templates');
  const summary = core.privacy.afterRestore(restored);
  assert.deepEqual(summary, { erasures: 1, templatesDeleted: 2, recordsRestored: 1 });
  assert.equal(templatesOf(restored, '1002'), 0);
  assert.equal(templatesOf(restored, '1001'), 2);
  assert.equal(restored.prepare('SELECT student_number FROM biometric_erasures').pluck().get(), '1002');
  assert.deepEqual(core.privacy.afterRestore(restored), { erasures: 1, templatesDeleted: 0, recordsRestored: 0 });
  restored.close();
});

test('a database copied back by hand gets its deletions re-applied when the kiosk starts', async () => {
  const s = school();
  const backupFile = join(s.dir, 'copy.db');
  const first = s.start();
  await first.db.backup(backupFile);
  await first.handlers['privacy:delete-biometrics']({ studentNumber: '1003', requestedBy: 'IT' }, { session: null });
  await first.stop();
  for (const f of [s.dbFile, `${s.dbFile}-wal`, `${s.dbFile}-shm`]) rmSync(f, { force: true });
  copyFileSync(backupFile, s.dbFile);
  const second = s.start();
  assert.equal(templatesOf(second.db, '1003'), 0);
  await second.stop();
});

test('templates enrolled again after a deletion (new consent) survive a later restore', async () => {
  const dir = tempDir();
  const key = randomBytes(32);
  const t0 = new Date('2026-10-01T08:00:00Z');
  const seeded = enrolledSchool(dir, { key, now: t0 });
  const ledger = createErasureLedger(join(dir, 'erasures.jsonl'));
  eraseBiometrics({ db: seeded.db, ledger, dataDir: dir }, { studentId: seeded.id('1001'), reason: 'request', requestedBy: 'office', now: new Date('2026-10-02T08:00:00Z') });
  addTemplate(seeded.db, seeded.cipher, { studentId: seeded.id('1001'), modelId: MODEL, embedding: seeded.vectors.get('1001')![0]!, quality: 0.9, source: 'photo' }, new Date('2026-11-01T08:00:00Z'));
  assert.deepEqual(reapplyErasures(seeded.db, ledger), { erasures: 1, templatesDeleted: 0, recordsRestored: 0 });
  assert.equal(templatesOf(seeded.db, '1001'), 1);
  seeded.db.close();
});

test('a torn last line in the erasure ledger (power cut mid-append) does not stop the kiosk', () => {
  const dir = tempDir();
  const file = join(dir, 'erasures.jsonl');
  const ledger = createErasureLedger(file);
  ledger.append({ erasureId: 'e1', studentId: 1, studentNumber: '1001', reason: 'request', requestedBy: 'office', occurredAt: '2026-10-02T08:00:00.000Z', templatesDeleted: 2, photosDeleted: 0, fingerprints: null });
  writeFileSync(file, readFileSync(file, 'utf8') + '{"erasureId":"e2","stud');
  assert.deepEqual(ledger.readAll().map((r) => r.erasureId), ['e1']);
});
