// Most settings apply at once; the few read only at start (ports, disk reserve, updater, camera
// pipeline) say so, and the settings view lists the ones changed and waiting for a restart.
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
import { appliesAfterRestart } from './key-roles.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

function open(file = join(tempDir(), 'rollcall.db')) {
  const clock = manualClock(new Date('2026-12-07T07:55:00Z'));
  const db = openDatabase(file, { now: () => clock.now() });
  return { file, db, settings: createSettingsStore({ db, audit: createAuditLog(db, clock), clock, log: silentLogger, base: parseConfig(defaults) }) };
}

test('ports, the disk reserve, the updater and the camera pipeline apply after a restart; the school day applies at once', () => {
  for (const key of ['health.port', 'health.host', 'webhook.port', 'disk.ballastMiB', 'update.url', 'shell.autostart', 'recognition.quality.minSharpness', 'recognition.agreeFrames']) {
    assert.equal(appliesAfterRestart(key), true, key);
  }
  for (const key of ['health.token', 'school.timezone', 'schedule.holidays', 'recognition.acceptThreshold', 'sms.provider', 'backup.intervalMinutes', 'healthy']) {
    assert.equal(appliesAfterRestart(key), false, key);
  }
});

test('a changed port is saved and listed as waiting for a restart until the kiosk restarts', () => {
  const k = open();
  assert.deepEqual(k.settings.view().pendingRestart, []);
  assert.ok(k.settings.view().afterRestart.includes('health.port'));
  assert.equal(k.settings.update({ health: { port: 9090 }, school: { name: 'Hill School' } }, 'it').ok, true);
  assert.deepEqual(k.settings.view().pendingRestart, ['health.port']);
  assert.equal(k.settings.config().health.port, 9090, 'stored, so the next start binds it');

  k.db.close();
  const again = open(k.file);
  assert.equal(again.settings.config().health.port, 9090);
  assert.deepEqual(again.settings.view().pendingRestart, [], 'in force after the restart');
});

test('a restart setting changed and changed back is no longer waiting', () => {
  const k = open();
  assert.equal(k.settings.update({ disk: { ballastMiB: 128 } }, 'it').ok, true);
  assert.deepEqual(k.settings.view().pendingRestart, ['disk.ballastMiB']);
  assert.equal(k.settings.update({ disk: { ballastMiB: 64 } }, 'it').ok, true);
  assert.deepEqual(k.settings.view().pendingRestart, []);
});
