// Failing tests: settings an earlier version accepted, met by this version's stricter rules. A rule
// tightened since (no credentials in the gateway URL) must not silently take away the rest of the
// school's settings, nor stop the kiosk from starting after an update.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/open.js';
import { createAuditLog } from '../audit/audit-log.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createSettingsStore } from '../settings/settings-store.js';
import { loadConfig, parseConfig } from './load.js';

const defaultsPath = fileURLToPath(new URL('../../../config/default.json', import.meta.url));
const defaults = JSON.parse(readFileSync(defaultsPath, 'utf8'));

test('stored settings from an earlier version with credentials in the gateway URL keep the school\'s time zone, name and holidays in force', () => {
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  // What the admin screen of the previous version saved (it accepted a URL with user:password@).
  const older = {
    school: { name: 'Colegio Sierra', timezone: 'Europe/Madrid' },
    schedule: { holidays: [{ from: '2026-12-08', to: '2026-12-08', name: 'Inmaculada Concepción' }] },
    sms: { androidGateway: { url: 'http://sms:secret@192.168.1.20:8080' } },
  };
  db.prepare('INSERT INTO settings_overrides (id, doc, updated_at) VALUES (1, ?, ?)').run(JSON.stringify(older), clock.now().toISOString());
  const settings = createSettingsStore({ db, audit: createAuditLog(db, clock), clock, log: silentLogger, base: parseConfig(defaults) });
  const cfg = settings.config();
  // Otherwise the kiosk runs on London time and marks every Madrid arrival an hour off, texts on a holiday.
  assert.equal(cfg.school.timezone, 'Europe/Madrid');
  assert.equal(cfg.school.name, 'Colegio Sierra');
  assert.deepEqual(cfg.schedule.holidays.map((h) => h.name), ['Inmaculada Concepción']);
});

test('a config file the previous version started with (credentials in the gateway URL) still starts the kiosk', () => {
  const file = join(tempDir(), 'rollcall.json');
  writeFileSync(file, JSON.stringify({ school: { name: 'Hill School' }, sms: { androidGateway: { url: 'http://sms:secret@192.168.1.20:8080' } } }));
  // serve.ts and main.ts call loadConfig at start; a throw is a kiosk that records nobody after the update.
  assert.doesNotThrow(() => loadConfig({ defaultsPath, overridePath: file }));
});

test('a stored session or holiday carrying a key this version no longer has keeps the school\'s other settings in force', () => {
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  // Keys inside list entries (a holiday's "note"): dropping by dotted path does not reach into lists.
  const older = {
    school: { name: 'Colegio Sierra', timezone: 'Europe/Madrid' },
    schedule: { holidays: [{ from: '2026-12-08', to: '2026-12-08', name: 'Inmaculada Concepción', note: 'national holiday' }] },
  };
  db.prepare('INSERT INTO settings_overrides (id, doc, updated_at) VALUES (1, ?, ?)').run(JSON.stringify(older), clock.now().toISOString());
  const settings = createSettingsStore({ db, audit: createAuditLog(db, clock), clock, log: silentLogger, base: parseConfig(defaults) });
  assert.equal(settings.config().school.timezone, 'Europe/Madrid');
  assert.deepEqual(settings.config().schedule.holidays.map((h) => h.name), ['Inmaculada Concepción']);
});

test('credentials lifted from an older gateway URL are used as the gateway\'s user name and password, and the URL keeps no secret', () => {
  const file = join(tempDir(), 'rollcall.json');
  writeFileSync(file, JSON.stringify({ sms: { androidGateway: { url: 'http://sms:s%40cret@192.168.1.20:8080' } } }));
  const warnings: string[] = [];
  const gw = loadConfig({ defaultsPath, overridePath: file, warn: (m) => warnings.push(m) }).sms.androidGateway;
  assert.deepEqual([gw.url, gw.username, gw.password], ['http://192.168.1.20:8080', 'sms', 's@cret']);
  assert.equal(warnings.length, 1);
  assert.doesNotMatch(warnings[0]!, /s@cret|s%40cret/);
});

test('a new save of a gateway URL with credentials is still refused, naming the key', () => {
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const settings = createSettingsStore({ db, audit: createAuditLog(db, clock), clock, log: silentLogger, base: parseConfig(defaults) });
  const r = settings.update({ sms: { androidGateway: { url: 'http://sms:secret@192.168.1.20:8080' } } }, 'it');
  assert.equal(r.ok, false);
  assert.deepEqual(r.ok ? [] : r.errors.map((e) => e.key), ['sms.androidGateway.url']);
});

test('a stored holiday this version refuses is dropped alone and named on the settings screen; the other holidays stay', () => {
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const older = {
    school: { name: 'Colegio Sierra', timezone: 'Europe/Madrid' },
    schedule: {
      holidays: [
        { from: '2026-12-08', to: '2026-12-08', name: 'Inmaculada Concepción' },
        { from: 'soon', to: '2026-12-09', name: 'Puente' },
        { from: '2026-12-24', to: '2027-01-06', name: 'Navidad', note: 'winter break' },
      ],
    },
  };
  db.prepare('INSERT INTO settings_overrides (id, doc, updated_at) VALUES (1, ?, ?)').run(JSON.stringify(older), clock.now().toISOString());
  const warnings: string[] = [];
  const log = { info() {}, warn: (msg: string) => warnings.push(msg), error() {} };
  const settings = createSettingsStore({ db, audit: createAuditLog(db, clock), clock, log, base: parseConfig(defaults) });
  assert.deepEqual(settings.config().schedule.holidays.map((h) => h.name), ['Inmaculada Concepción', 'Navidad']);
  assert.equal(settings.config().school.timezone, 'Europe/Madrid');
  assert.deepEqual(settings.view().ignored.map((i) => i.key).sort(), ['schedule.holidays.1.from', 'schedule.holidays.2.note']);
  assert.deepEqual(warnings, ['stored settings this version refuses are ignored']);
});
