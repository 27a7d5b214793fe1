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
const base = parseConfig({ ...defaults, school: { ...defaults.school, name: 'Hill School' }, sms: { ...defaults.sms, androidGateway: { ...defaults.sms.androidGateway, password: 'gate-secret' } } });

function open(file?: string) {
  const dbFile = file ?? join(tempDir(), 'rollcall.db');
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(dbFile, { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  return { dbFile, db, audit, settings: createSettingsStore({ db, audit, clock, log: silentLogger, base }) };
}

test('a change merges over the file config, applies at once, tells listeners, and is audited old → new with the actor', () => {
  const { settings, audit } = open();
  const seen: string[] = [];
  settings.onChange((c) => seen.push(c.school.name));
  const r = settings.update({ school: { name: 'Hill Primary' } }, 'office');
  assert.deepEqual(r, { ok: true, changed: [{ key: 'school.name', from: 'Hill School', to: 'Hill Primary' }] });
  assert.equal(settings.config().school.name, 'Hill Primary');
  assert.equal(settings.config().school.timezone, 'Europe/London', 'siblings of a changed key keep the file value');
  assert.deepEqual(seen, ['Hill Primary']);
  const entry = audit.list({ limit: 1 })[0]!;
  assert.equal(entry.action, 'settings.update');
  assert.equal(entry.actor, 'office');
  assert.deepEqual(entry.details, { changes: [{ key: 'school.name', from: 'Hill School', to: 'Hill Primary' }] });
});

test('changes are kept in the database file and come back after a restart', () => {
  const first = open();
  first.settings.update({ schedule: { cooldownMinutes: 9 } }, 'office');
  first.db.close();
  const again = open(first.dbFile);
  assert.equal(again.settings.config().schedule.cooldownMinutes, 9);
  assert.deepEqual(again.settings.view().overridden, ['schedule.cooldownMinutes']);
});

test('an array is replaced whole, as in the config file', () => {
  const { settings } = open();
  settings.update({ schedule: { schoolDays: ['monday', 'tuesday'] } }, 'office');
  assert.deepEqual(settings.config().schedule.schoolDays, ['monday', 'tuesday']);
});

test('a bad value is refused with the schema message naming the key, and nothing changes', () => {
  const { settings, audit } = open();
  const r = settings.update({ school: { timezone: 'Mars/Olympus' }, schedule: { cooldownMinutes: -1 } }, 'office');
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.errors, [
    { key: 'school.timezone', message: 'must be an IANA time zone, e.g. "Europe/London"' },
    { key: 'schedule.cooldownMinutes', message: 'cannot be negative' },
  ]);
  assert.equal(settings.config().school.timezone, 'Europe/London');
  assert.equal(audit.list().length, 0);
});

test('a rule across keys is checked on the merged result', () => {
  const { settings } = open();
  const r = settings.update({ recognition: { unknownThreshold: 0.99 } }, 'it');
  assert.deepEqual(!r.ok && r.errors, [{ key: 'recognition.unknownThreshold', message: 'must not be above recognition.acceptThreshold' }]);
});

test('office may not change IT settings; IT may change both', () => {
  const { settings } = open();
  const r = settings.update({ recognition: { acceptThreshold: 0.95 }, school: { name: 'X' } }, 'office');
  assert.deepEqual(!r.ok && r.errors, [{ key: 'recognition.acceptThreshold', message: 'only IT may change this setting' }]);
  assert.equal(settings.config().school.name, 'Hill School', 'a refused update changes nothing at all');
  assert.equal(settings.update({ recognition: { acceptThreshold: 0.95 }, school: { name: 'X' } }, 'it').ok, true);
});

test('a key that is not a setting is refused', () => {
  const { settings } = open();
  const r = settings.update({ school: { motto: 'Learn' } }, 'it');
  assert.deepEqual(!r.ok && r.errors, [{ key: 'school.motto', message: 'is not a setting' }]);
});

test('secrets are masked when read and in the audit log; sending the mask back keeps the secret', () => {
  const { settings, audit } = open();
  const view = settings.view().values as { sms: { androidGateway: { password: string; username: string } } };
  assert.equal(view.sms.androidGateway.password, SECRET_MASK);
  assert.equal(settings.update({ sms: { androidGateway: { password: SECRET_MASK, username: 'gw' } } }, 'it').ok, true);
  assert.equal(settings.config().sms.androidGateway.password, 'gate-secret');
  settings.update({ sms: { androidGateway: { password: 'new-secret' } } }, 'it');
  assert.equal(settings.config().sms.androidGateway.password, 'new-secret');
  const logged = JSON.stringify(audit.list());
  assert.ok(!logged.includes('gate-secret') && !logged.includes('new-secret'));
});

test('stored settings that the file no longer allows leave the kiosk running on the file config', () => {
  const first = open();
  first.settings.update({ schedule: { cooldownMinutes: 30 } }, 'office');
  first.db.prepare('UPDATE settings_overrides SET doc = ?').run(JSON.stringify({ schedule: { cooldownMinutes: 9999 } }));
  first.db.close();
  const again = open(first.dbFile);
  assert.equal(again.settings.config().schedule.cooldownMinutes, base.schedule.cooldownMinutes);
});

test('switching the SMS language swaps the built-in wording, but never a school’s own wording', () => {
  const { settings } = open();
  assert.equal(settings.update({ sms: { language: 'es' } }, 'office').ok, true);
  assert.match(settings.config().sms.templates.check_in, /^¡Buenos días! \{student_name\} ha llegado/);
  settings.update({ sms: { templates: { check_in: 'Hola {student_name}', check_out: 'Adiós {student_name}' } } }, 'office');
  settings.update({ sms: { language: 'en' } }, 'office');
  assert.equal(settings.config().sms.language, 'en');
  assert.equal(settings.config().sms.templates.check_in, 'Hola {student_name}');
});
