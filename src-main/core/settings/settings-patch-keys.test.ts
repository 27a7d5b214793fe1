// How the settings API reads the keys of a patch: nested objects only, every key checked against the
// schema at any depth, and secrets (the health token among them) never echoed back.
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
import { SECRET_MASK } from './key-roles.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

function open() {
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  return { settings: createSettingsStore({ db, audit, clock, log: silentLogger, base: parseConfig(defaults) }), audit };
}

test('a dotted key is refused, saying to send nested objects, and nothing is stored', () => {
  const { settings } = open();
  const r = settings.update({ 'school.timezone': 'Europe/Madrid' }, 'office');
  assert.deepEqual(r, {
    ok: false,
    errors: [{ key: 'school.timezone', message: 'is not a setting name: send nested objects, e.g. {"school": {"timezone": …}}' }],
  });
  assert.deepEqual(settings.view().overridden, []);
  assert.equal(settings.config().school.timezone, 'Europe/London');
});

test('a dotted key deeper in the patch is refused too', () => {
  const { settings } = open();
  const r = settings.update({ sms: { 'limits.perMinute': 5 } }, 'it');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.errors.map((e) => e.key), ['sms.limits.perMinute']);
});

test('a misspelt key under a section is named as not a setting, before the role is looked at', () => {
  const { settings } = open();
  const r = settings.update({ sms: { limit: { perMinute: 30 } } }, 'office');
  assert.deepEqual(!r.ok && r.errors, [{ key: 'sms.limit', message: 'is not a setting' }]);
});

test('a DPIA set and cleared again shows both ways in the change list', () => {
  const { settings } = open();
  assert.equal(settings.update({ privacy: { dpia: { reference: 'DPIA-1', date: '2026-09-01' } } }, 'it').ok, true);
  const r = settings.update({ privacy: { dpia: null } }, 'it');
  assert.deepEqual(r.ok && r.changed.map((c) => c.key).sort(), ['privacy.dpia', 'privacy.dpia.date', 'privacy.dpia.reference']);
  assert.equal(settings.config().privacy.dpia, null);
});

test('the health token is masked in the change answer and kept when the mask is sent back', () => {
  const { settings } = open();
  const r = settings.update({ health: { token: 'metrics-bearer-7f3a' } }, 'it');
  assert.deepEqual(r.ok && r.changed, [{ key: 'health.token', from: '', to: SECRET_MASK }]);
  assert.equal(settings.update({ health: { token: SECRET_MASK, host: '127.0.0.1' } }, 'it').ok, true);
  assert.equal(settings.config().health.token, 'metrics-bearer-7f3a');
});

test('a stored setting this version no longer has is dropped alone; the others stay in force', () => {
  const file = join(tempDir(), 'rollcall.db');
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(file, { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  const first = createSettingsStore({ db, audit, clock, log: silentLogger, base: parseConfig(defaults) });
  assert.equal(first.update({ schedule: { cooldownMinutes: 30 } }, 'office').ok, true);
  db.prepare('UPDATE settings_overrides SET doc = ?').run(JSON.stringify({ schedule: { cooldownMinutes: 30, graceMinutes: 2 }, retired: { on: true } }));
  const again = createSettingsStore({ db, audit, clock, log: silentLogger, base: parseConfig(defaults) });
  assert.equal(again.config().schedule.cooldownMinutes, 30);
  assert.deepEqual(again.view().overridden, ['schedule.cooldownMinutes']);
  assert.equal(again.update({ school: { name: 'Hill School' } }, 'office').ok, true, 'a later change is not refused for the dropped keys');
});

test('a gateway URL with the password in it is refused, since the URL is shown and audited in the clear', () => {
  const { settings } = open();
  const r = settings.update({ sms: { androidGateway: { url: 'http://sms:hunter2@127.0.0.1:8080' } } }, 'it');
  assert.deepEqual(!r.ok && r.errors, [{ key: 'sms.androidGateway.url', message: 'must not hold a user name or password; set sms.androidGateway.username and .password' }]);
});
