// A school's config file with a misspelt key must stop the kiosk with a message naming that key, as a
// bad value does; today it is dropped silently and the kiosk runs on the default the school meant to change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './load.js';
import { tempDir } from '../../test-support/temp-dir.js';

const defaultsPath = new URL('../../../config/default.json', import.meta.url).pathname;

function load(override: unknown) {
  const file = join(tempDir(), 'school.json');
  writeFileSync(file, JSON.stringify(override));
  return () => loadConfig({ defaultsPath, overridePath: file });
}

test('a misspelt key inside a section is refused, naming it', () => {
  assert.throws(load({ schedule: { cooldownMinute: 3 } }), /schedule\.cooldownMinute\b/);
});

test('a misspelt section is refused, naming it', () => {
  assert.throws(load({ shedule: { cooldownMinutes: 3 } }), /shedule/);
});

test('a misspelt SMS limit is refused rather than leaving the default limits in force', () => {
  assert.throws(load({ sms: { limit: { perMinute: 30, perHour: 600 } } }), /sms\.limit\b/);
});
