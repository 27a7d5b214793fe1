import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../../test-support/temp-dir.js';
import { enrolledSchool, MODEL, recordConsent } from '../../test-support/enrolled-school.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createCheckInService } from '../attendance/checkins.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { createErasureLedger } from './erasure-ledger.js';
import { listErasures, reapplyErasures } from './erasure.js';
import { createRetentionJob } from './retention.js';
import { photoDir } from './photo-store.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const DAY = 86_400_000;
const ENROLLED = new Date('2026-09-07T08:00:00Z');

function setup(privacy: Partial<Config['privacy']> = {}) {
  const dir = tempDir();
  const config = parseConfig({
    ...defaults,
    kiosk: { ...defaults.kiosk, faceRecognition: true },
    privacy: { ...defaults.privacy, dpia: { reference: 'DPIA-1', date: '2026-09-01' }, ...privacy },
  });
  const s = enrolledSchool(dir, { key: randomBytes(32), now: ENROLLED });
  const ledger = createErasureLedger(join(dir, 'erasures.jsonl'));
  let reloads = 0;
  const job = createRetentionJob({ config: () => config, dataDir: dir, ledger, onTemplatesDeleted: () => reloads++ });
  const count = (n: string) => s.db.prepare('SELECT COUNT(*) FROM face_templates WHERE student_id = ?').pluck().get(s.id(n)) as number;
  return { ...s, dir, config, ledger, job, count, reloads: () => reloads };
}

function photo(dir: string, kind: 'enrolment' | 'evidence', student: string, name: string, at: Date): string {
  mkdirSync(photoDir(dir, kind, student), { recursive: true });
  const f = join(photoDir(dir, kind, student), name);
  writeFileSync(f, 'jpeg');
  utimesSync(f, at, at);
  return f;
}

test('templates are deleted by the next daily run after consent is withdrawn, and the deletion is in the ledger', () => {
  const s = setup();
  recordConsent(s.db, s.id('1001'), 'withdrawn', new Date('2026-10-01T09:00:00Z'));
  const summary = s.job(s.db, new Date('2026-10-02T02:00:00Z'));
  assert.deepEqual(summary.templatesDeleted, { withdrawn: 2, archived: 0, unused: 0 });
  assert.equal(s.count('1001'), 0);
  assert.equal(s.count('1002'), 2);
  assert.equal(s.reloads(), 1);
  assert.deepEqual(s.ledger.readAll().map((r) => [r.studentNumber, r.reason]), [['1001', 'withdrawn']]);
  assert.deepEqual(s.job(s.db, new Date('2026-10-03T02:00:00Z')).studentsErased, 0, 'a second run has nothing left to do');
});

test('a student who left or graduated (archived) loses their templates', () => {
  const s = setup();
  s.db.prepare('UPDATE students SET archived_at = ? WHERE id = ?').run('2026-11-30T16:00:00Z', s.id('1003'));
  const summary = s.job(s.db, new Date('2026-12-01T02:00:00Z'));
  assert.deepEqual(summary.templatesDeleted, { withdrawn: 0, archived: 2, unused: 0 });
  assert.equal(s.count('1003'), 0);
  assert.equal(listErasures(s.db, '1003')[0]!.reason, 'archived');
});

test('templates nobody matched for privacy.templateUnusedDays are deleted; a student who uses face keeps theirs', () => {
  const s = setup({ templateUnusedDays: 30 });
  // Ben checks in by face on 1 October, so his templates were used then; nobody else uses theirs.
  const clock = manualClock(new Date('2026-10-01T07:10:00Z'));
  const checkIns = createCheckInService({ db: s.db, config: () => s.config, clock, log: silentLogger, cipher: s.cipher });
  assert.equal(checkIns.checkInByFace({ modelId: MODEL, embeddings: [[...s.vectors.get('1002')![0]!]], quality: 0.9 }).outcome, 'recorded');

  assert.equal(s.job(s.db, new Date(ENROLLED.getTime() + 29 * DAY)).studentsErased, 0, 'within the period nothing goes');
  const summary = s.job(s.db, new Date('2026-10-20T02:00:00Z'));
  assert.equal(summary.templatesDeleted.unused, 4);
  assert.deepEqual([s.count('1001'), s.count('1002'), s.count('1003')], [0, 2, 0]);
  const later = s.job(s.db, new Date('2026-11-01T02:00:00Z'));
  assert.equal(later.templatesDeleted.unused, 2);
  assert.equal(s.count('1002'), 0);
  // Unused-template erasures name the exact templates, so a restore removes those and nothing newer.
  assert.equal(listErasures(s.db, '1002')[0]!.fingerprints!.length, 2);
  assert.deepEqual(reapplyErasures(s.db, s.ledger).templatesDeleted, 0);
});

test('enrolment and evidence photos are deleted at once when keeping them is off', () => {
  const s = setup();
  const a = photo(s.dir, 'enrolment', '1001', '1.jpg', new Date('2026-12-01T08:00:00Z'));
  const b = photo(s.dir, 'evidence', '1002', '2026-12-01T07-10.jpg', new Date('2026-12-01T07:10:00Z'));
  const summary = s.job(s.db, new Date('2026-12-01T09:00:00Z'));
  assert.deepEqual(summary.photosDeleted, { enrolment: 1, evidence: 1 });
  assert.equal(existsSync(a) || existsSync(b), false);
});

test('opted-in photos are kept only for their period', () => {
  const s = setup({ keepEnrolmentPhotosDays: 30, evidencePhotos: { enabled: true, keepDays: 7 } });
  const now = new Date('2026-12-10T02:00:00Z');
  photo(s.dir, 'enrolment', '1001', 'old.jpg', new Date(now.getTime() - 31 * DAY));
  photo(s.dir, 'enrolment', '1001', 'new.jpg', new Date(now.getTime() - 29 * DAY));
  photo(s.dir, 'evidence', '1002', 'old.jpg', new Date(now.getTime() - 8 * DAY));
  photo(s.dir, 'evidence', '1002', 'new.jpg', new Date(now.getTime() - 6 * DAY));
  assert.deepEqual(s.job(s.db, now).photosDeleted, { enrolment: 1, evidence: 1 });
  assert.deepEqual(readdirSync(photoDir(s.dir, 'enrolment', '1001')), ['new.jpg']);
  assert.deepEqual(readdirSync(photoDir(s.dir, 'evidence', '1002')), ['new.jpg']);
});
