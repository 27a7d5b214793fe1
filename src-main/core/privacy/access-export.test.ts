import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../../test-support/temp-dir.js';
import { testTemplateKey } from '../../test-support/template-key.js';
import { enrolledSchool, MODEL } from '../../test-support/enrolled-school.js';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { accessExport } from '../../../src-preload/contract.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

test('a student’s access export lists attendance, consent and template metadata, never a template', async () => {
  const dir = tempDir();
  const dataDir = join(dir, 'data');
  mkdirSync(dataDir);
  const key = testTemplateKey(randomBytes(32));
  const seeded = enrolledSchool(dataDir, { key: key.key, now: new Date('2026-09-07T08:00:00Z') });
  const vector = seeded.vectors.get('1001')![0]!;
  const sealedBlobs = (seeded.db.prepare('SELECT vector FROM face_templates').pluck().all() as Buffer[]).map((b) => b.toString('base64'));
  seeded.db.close();
  const clock = manualClock(new Date('2026-12-07T07:10:00Z'));
  const config = parseConfig({
    ...defaults,
    school: { ...defaults.school, name: 'Hill School' },
    kiosk: { ...defaults.kiosk, faceRecognition: true },
    privacy: { ...defaults.privacy, dpia: { reference: 'DPIA-1', date: '2026-09-01' } },
  });
  const core = createCore({ config, dataDir, clock, log: silentLogger, templateKey: key });
  await core.start();
  assert.equal((await core.handlers['kiosk:identify']({ modelId: MODEL, embeddings: [[...vector]], quality: 0.9 }, { session: null })).outcome, 'recorded');
  clock.set(new Date('2026-12-08T07:20:00Z'));
  assert.equal((await core.handlers['kiosk:check-in-card']({ code: '1001' }, { session: null })).outcome, 'recorded');

  const { export: x, html } = await core.handlers['privacy:access-export']({ studentNumber: '1001' }, { session: null });
  assert.equal(accessExport.safeParse(x).success, true);
  assert.deepEqual(x.student, { studentNumber: '1001', firstName: 'Ana', lastName: 'Silva', className: '7A', createdAt: '2026-09-07T08:00:00.000Z', archivedAt: null });
  assert.deepEqual(x.attendance.map((a) => [a.date, a.time, a.kind, a.method]), [['2026-12-07', '07:10', 'check_in', 'face'], ['2026-12-08', '07:20', 'check_in', 'qr']]);
  assert.deepEqual(x.consent.map((c) => [c.kind, c.givenBy, c.method, c.noticeVersion]), [['granted', 'Maria Silva', 'signed_form', 'notice-2026-09']]);
  assert.equal(x.templates.count, 2);
  assert.deepEqual(x.templates.items.map((t) => [t.modelId, t.createdAt, t.lastUsedAt]), [
    [MODEL, '2026-09-07T08:00:00.000Z', '2026-12-07T07:10:00.000Z'],
    [MODEL, '2026-09-07T08:00:00.000Z', '2026-12-07T07:10:00.000Z'],
  ]);
  assert.deepEqual(x.guardians, [{ name: 'Maria Silva', phone: '+447400123456', doNotContact: false }]);
  assert.equal(x.messages.length, 2);

  // Neither the JSON nor the page carries a template, sealed or open.
  const json = JSON.stringify(x);
  for (const text of [json, html]) {
    assert.doesNotMatch(text, /"vector"|source_hash|fingerprint/);
    for (const b of sealedBlobs) assert.ok(!text.includes(b.slice(0, 24)));
    assert.ok(!text.includes(vector[0]!.toFixed(6)));
  }
  assert.match(html, /Records held for Ana Silva/);
  assert.match(html, /2 face template\(s\) are stored, encrypted/);
  assert.match(html, /@media print/);
  assert.equal(core.audit.list({ subject: 'student:1001' })[0]!.action, 'privacy.access-export');
  await assert.rejects(async () => core.handlers['privacy:access-export']({ studentNumber: '9999' }, { session: null }), /No student 9999/);
  await core.stop();
});
