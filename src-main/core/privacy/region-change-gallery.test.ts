// The kiosk caches the face gallery and rebuilds it only when templates or the model change. When IT
// sets privacy.region to one that demands a signed release (US-IL, BIPA) from the admin screen, a
// student with only a staff attestation must stop being matched at once, not after the next restart.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tempDir } from '../../test-support/temp-dir.js';
import { enrolledSchool, MODEL, recordConsent } from '../../test-support/enrolled-school.js';
import { parseConfig } from '../config/load.js';
import { createCheckInService } from '../attendance/checkins.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const withRegion = (region: string, dpia: unknown) =>
  parseConfig({ ...defaults, kiosk: { ...defaults.kiosk, faceRecognition: true }, privacy: { ...defaults.privacy, region, dpia } });

test('a region change that requires signed releases applies to the face gallery at once', () => {
  let config = withRegion('EU', { reference: 'DPIA-1', date: '2026-09-01' });
  const clock = manualClock(new Date('2026-12-07T07:10:00Z'));
  const s = enrolledSchool(tempDir(), { key: randomBytes(32), now: new Date('2026-09-07T08:00:00Z') });
  // Cara's consent was a staff attestation, which is enough in the EU.
  s.db.prepare('DELETE FROM consent_events WHERE student_id = ?').run(s.id('1003'));
  recordConsent(s.db, s.id('1003'), 'granted', new Date('2026-09-01T08:00:00Z'), 'staff_attestation');
  const kiosk = createCheckInService({ db: s.db, config: () => config, clock, log: silentLogger, cipher: s.cipher });
  const face = (n: string) => kiosk.checkInByFace({ modelId: MODEL, embeddings: [[...s.vectors.get(n)![0]!]], quality: 0.9 }).outcome;
  assert.equal(face('1003'), 'recorded');

  // IT sets the school's region to Illinois (the settings store swaps the live config).
  config = withRegion('US-IL', null);
  clock.set(new Date('2026-12-07T12:40:00Z'));
  assert.equal(face('1003'), 'not_recognised', 'matched without a signed release');
});
