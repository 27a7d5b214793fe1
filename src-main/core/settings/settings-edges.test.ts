// Settings changes from the admin API at their edges: a setting whose default is null, and a patch
// written with dotted keys. Each must either apply or be refused with a message; never "ok" and ignored.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { createAuditLog } from '../audit/audit-log.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createSettingsStore } from './settings-store.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

function open() {
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  return createSettingsStore({ db, audit: createAuditLog(db, clock), clock, log: silentLogger, base: parseConfig(defaults) });
}

test('IT records the school’s DPIA from the admin screen (privacy.dpia starts as null)', () => {
  const settings = open();
  const r = settings.update({ privacy: { dpia: { reference: 'DPIA-2026-01', date: '2026-09-01' } } }, 'it');
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.deepEqual(settings.config().privacy.dpia, { reference: 'DPIA-2026-01', date: '2026-09-01' });
});

test('IT turns face mode on once the DPIA is recorded, in one change', () => {
  const settings = open();
  const r = settings.update({ privacy: { dpia: { reference: 'DPIA-2026-01', date: '2026-09-01' } }, kiosk: { faceRecognition: true } }, 'it');
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(settings.config().kiosk.faceRecognition, true);
});

test('a patch with a dotted key is applied or refused, not answered "ok" with nothing changed', () => {
  const settings = open();
  const r = settings.update({ 'school.timezone': 'Mars/Olympus' }, 'office');
  if (r.ok) {
    assert.deepEqual(settings.view().overridden, [], 'nothing stored for a change that did nothing');
    assert.notDeepEqual(r.changed, [], 'answered ok although nothing changed');
  }
});

test('the health bearer token is a secret: the office’s settings view and the audit log never show it', () => {
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  const settings = createSettingsStore({ db, audit, clock, log: silentLogger, base: parseConfig(defaults) });
  assert.equal(settings.update({ health: { token: 'metrics-bearer-7f3a' } }, 'it').ok, true);
  assert.doesNotMatch(JSON.stringify(settings.view()), /metrics-bearer-7f3a/);
  assert.doesNotMatch(JSON.stringify(audit.list({ limit: 5 })), /metrics-bearer-7f3a/);
});
