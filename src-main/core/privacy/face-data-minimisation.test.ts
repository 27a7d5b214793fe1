import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../../test-support/temp-dir.js';
import { containsVector, embedding, enrolledSchool, MODEL, recordConsent } from '../../test-support/enrolled-school.js';
import { parseConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { createCheckInService } from '../attendance/checkins.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { renderTemplate } from '../sms/templates.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const DPIA = { reference: 'DPIA-1', date: '2026-09-01' };

function setup(over: { privacy?: Partial<Config['privacy']>; sms?: Partial<Config['sms']['templates']>; faceRecognition?: boolean } = {}) {
  const dir = tempDir();
  const config = parseConfig({
    ...defaults,
    school: { ...defaults.school, name: 'Hill School' },
    kiosk: { ...defaults.kiosk, faceRecognition: over.faceRecognition ?? true },
    privacy: { ...defaults.privacy, dpia: DPIA, ...over.privacy },
    sms: { ...defaults.sms, templates: { ...defaults.sms.templates, ...over.sms } },
  });
  // Monday 7 December 2026, 07:10 in London: the morning check-in window.
  const clock = manualClock(new Date('2026-12-07T07:10:00Z'));
  const s = enrolledSchool(dir, { key: randomBytes(32), now: new Date('2026-09-07T08:00:00Z') });
  const checkIns = createCheckInService({ db: s.db, config: () => config, clock, log: silentLogger, cipher: s.cipher });
  const face = (v: Float32Array) => checkIns.checkInByFace({ modelId: MODEL, embeddings: [[...v], [...v], [...v]], quality: 0.9 });
  return { ...s, dir, clock, config, checkIns, face };
}

function diskBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => readFileSync(join(e.parentPath, e.name))));
}

test('a stranger’s face is never stored: no template, no vector on disk, only the outcome is counted', () => {
  const s = setup();
  const stranger = embedding(99);
  const tablesBefore = s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all();
  const templatesBefore = s.db.prepare('SELECT COUNT(*) FROM face_templates').pluck().get();
  assert.equal(s.face(stranger).outcome, 'not_recognised');
  s.db.pragma('wal_checkpoint(TRUNCATE)');

  assert.equal(s.db.prepare('SELECT COUNT(*) FROM face_templates').pluck().get(), templatesBefore);
  assert.deepEqual(s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all(), tablesBefore);
  assert.equal(containsVector(diskBytes(s.dir), stranger), false, 'no file in the data folder holds the stranger’s embedding');
  const event = s.db.prepare('SELECT * FROM recognition_events ORDER BY id DESC LIMIT 1').get() as Record<string, unknown>;
  assert.deepEqual(Object.keys(event).sort(), ['best_score', 'id', 'margin', 'occurred_at', 'outcome']);
  assert.equal(event.outcome, 'unknown');
  assert.equal(existsSync(join(s.dir, 'photos')), false);
  s.db.close();
});

test('face mode is per student: without current consent the kiosk does not recognise them, whatever templates exist', () => {
  const s = setup();
  recordConsent(s.db, s.id('1001'), 'withdrawn', new Date('2026-10-01T08:00:00Z'));
  s.checkIns.galleryChanged();
  assert.equal(s.face(s.vectors.get('1001')![0]!).outcome, 'not_recognised');
  assert.equal(s.face(s.vectors.get('1002')![0]!).outcome, 'recorded');
  s.db.close();
});

test('where a signed release is required, a staff attestation does not switch face mode on', () => {
  const s = setup({ privacy: { region: 'US-IL', dpia: null } });
  recordConsent(s.db, s.id('1003'), 'granted', new Date('2026-10-01T08:00:00Z'), 'staff_attestation');
  s.checkIns.galleryChanged();
  assert.equal(s.face(s.vectors.get('1003')![0]!).outcome, 'not_recognised');
  assert.equal(s.face(s.vectors.get('1001')![0]!).outcome, 'recorded');
  s.db.close();
});

test('with face mode off for the school, a face is never matched and the card and PIN still check in', () => {
  const s = setup({ faceRecognition: false });
  assert.equal(s.face(s.vectors.get('1001')![0]!).outcome, 'not_recognised');
  assert.equal(s.db.prepare('SELECT COUNT(*) FROM recognition_events').pluck().get(), 0);
  assert.equal(s.checkIns.checkInByCard('1002').outcome, 'recorded');
  assert.equal(s.checkIns.checkInByPin('1001', '4821').outcome, 'wrong_pin', 'the test roster stores a dummy PIN hash');
  s.db.close();
});

test('no guardian text carries a photo or a match score, for every template type', () => {
  // The check-in path's texts with every placeholder it offers, so nothing it can say is left out.
  const CHECK_IN_TYPES = ['check_in', 'check_out'];
  const everything = Object.fromEntries(
    CHECK_IN_TYPES.map((k) => [k, `{student_name} {first_name} {time} {date} {school_name} {minutes_late} {session} ${defaults.sms.templates[k]}`]),
  );
  const s = setup({ sms: everything });
  // A near match, so the score is a distinctive number (not 1.0).
  const probe = s.vectors.get('1001')![0]!.map((x, i) => x + (i % 7 === 0 ? 0.01 : 0));
  assert.equal(s.face(probe).outcome, 'recorded');
  s.clock.set(new Date('2026-12-07T11:40:00Z'));
  assert.equal(s.face(probe).outcome, 'recorded');

  const kinds = s.db.prepare('SELECT DISTINCT type FROM sms_outbox ORDER BY type').pluck().all();
  assert.deepEqual(kinds, CHECK_IN_TYPES, 'both check-in texts were sent');
  const scores = s.db.prepare("SELECT score FROM attendance WHERE method = 'face'").pluck().all() as number[];
  assert.equal(scores.length, 2);
  for (const body of s.db.prepare('SELECT body FROM sms_outbox').pluck().all() as string[]) {
    for (const score of scores) {
      for (const shown of [score.toFixed(2), score.toFixed(3), `${Math.round(score * 100)}%`, String(score)]) assert.ok(!body.includes(shown), `"${body}" shows ${shown}`);
    }
    assert.doesNotMatch(body, /data:image|https?:\/\/|[A-Za-z0-9+/]{40,}/);
  }
  // Nothing in the outbox could hold a photo: the columns are what a text needs.
  const columns = (s.db.prepare('PRAGMA table_info(sms_outbox)').all() as Array<{ name: string; type: string }>).map((c) => c.name);
  assert.ok(!columns.some((c) => /photo|image|score|vector|media/i.test(c)));
  // A school cannot put a score or a photo into a template: the renderer knows no such placeholder.
  const checkInVars = { student_name: 'Ana Silva', first_name: 'Ana', time: '07:10', date: '7 December 2026', school_name: 'Hill School', minutes_late: '0', session: 'morning' };
  for (const bad of ['{score}', '{photo}', '{match_score}', '{image}']) {
    assert.throws(() => renderTemplate(`{student_name} checked in ${bad}`, checkInVars), /not one of/);
  }
  s.db.close();
});
