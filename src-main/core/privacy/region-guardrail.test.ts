import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, parseConfig } from '../config/load.js';
import { tempDir } from '../../test-support/temp-dir.js';

const defaultsPath = new URL('../../../config/default.json', import.meta.url).pathname;
const defaults = JSON.parse(readFileSync(defaultsPath, 'utf8'));
const withPrivacy = (kiosk: object, privacy: object) =>
  ({ ...defaults, kiosk: { ...defaults.kiosk, ...kiosk }, privacy: { ...defaults.privacy, ...privacy } });
const DPIA = { reference: 'DPIA-2026-04', date: '2026-08-30' };

test('out of the box face mode is off, no photos are kept and unused templates expire within a year', () => {
  const cfg = parseConfig(defaults);
  assert.equal(cfg.kiosk.faceRecognition, false);
  assert.equal(cfg.privacy.keepEnrolmentPhotosDays, null);
  assert.equal(cfg.privacy.evidencePhotos.enabled, false);
  assert.ok(cfg.privacy.templateUnusedDays <= 365);
});

test('in New York State face mode cannot be enabled, and the error names the key and the law', () => {
  assert.throws(
    () => parseConfig(withPrivacy({ faceRecognition: true }, { region: 'US-NY', dpia: DPIA })),
    (e: Error) => e instanceof ConfigError && /kiosk\.faceRecognition: cannot be enabled where privacy\.region is US-NY/.test(e.message) && /106-b/.test(e.message),
  );
  assert.equal(parseConfig(withPrivacy({ faceRecognition: false }, { region: 'US-NY' })).privacy.region, 'US-NY');
});

test('in the UK and the EU face mode needs a DPIA on record first', () => {
  for (const region of ['GB', 'EU']) {
    assert.throws(
      () => parseConfig(withPrivacy({ faceRecognition: true }, { region, dpia: null })),
      (e: Error) => new RegExp(`privacy\\.dpia: is required to enable kiosk\\.faceRecognition where privacy\\.region is ${region}`).test(e.message),
    );
    assert.equal(parseConfig(withPrivacy({ faceRecognition: true }, { region, dpia: DPIA })).kiosk.faceRecognition, true);
  }
  assert.throws(() => parseConfig(withPrivacy({ faceRecognition: true }, { dpia: { reference: '', date: '30/08/2026' } })), /privacy\.dpia\.(reference|date)/);
});

test('a school file that enables face mode in a barred region stops the kiosk at start', () => {
  const dir = tempDir();
  const file = join(dir, 'school.json');
  writeFileSync(file, JSON.stringify({ kiosk: { faceRecognition: true }, privacy: { region: 'US-NY' } }));
  assert.throws(() => loadConfig({ defaultsPath, overridePath: file }), (e: Error) => e.message.includes(file) && /kiosk\.faceRecognition/.test(e.message));
});

test('retention cannot be set beyond three years, and unknown regions are refused', () => {
  assert.throws(() => parseConfig(withPrivacy({}, { templateUnusedDays: 2000 })), /privacy\.templateUnusedDays: cannot exceed 1095 days/);
  assert.throws(() => parseConfig(withPrivacy({}, { region: 'Narnia' })), /privacy\.region/);
  assert.throws(() => parseConfig(withPrivacy({}, { evidencePhotos: { enabled: true, keepDays: 90 } })), /privacy\.evidencePhotos\.keepDays/);
});

test('regions without a barring law or DPIA rule allow face mode with consent alone', () => {
  for (const region of ['US', 'US-IL', 'other']) {
    assert.equal(parseConfig(withPrivacy({ faceRecognition: true }, { region, dpia: null })).kiosk.faceRecognition, true);
  }
});
