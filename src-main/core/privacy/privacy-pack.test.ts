import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/load.js';
import { renderPrivacyPack } from './privacy-pack.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { runScript } from '../../../e2e/support/serve-process.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const NOW = new Date('2026-09-01T09:00:00Z');
const cfg = (privacy: object, kiosk: object = {}) =>
  parseConfig({ ...defaults, school: { ...defaults.school, name: 'Hill School' }, kiosk: { ...defaults.kiosk, ...kiosk }, privacy: { ...defaults.privacy, ...privacy } });

test('the privacy pack holds the parent notice, the consent form and the retention schedule from the current settings', () => {
  const html = renderPrivacyPack(
    cfg({ dpia: { reference: 'DPIA-HS-7', date: '2026-08-15' }, templateUnusedDays: 180, keepEnrolmentPhotosDays: 14 }, { faceRecognition: true }),
    NOW,
  );
  assert.equal(html.match(/<section class="sheet">/g)?.length, 3);
  assert.match(html, /Face recognition for attendance: notice to parents and carers/);
  assert.match(html, /Consent to face recognition for attendance/);
  assert.match(html, /Biometric data retention schedule/);
  assert.match(html, /after 6 months \(180 days\) without being used/);
  assert.match(html, /Only the template is stored; the enrolment photos are kept for at most 14 days, then deleted automatically/);
  assert.match(html, /Not taken\. The kiosk does not store pictures of check-ins/);
  assert.match(html, /reference DPIA-HS-7, dated 2026-08-15/);
  assert.match(html, /never a photo or a recognition score/);
  assert.match(html, /Protection of Freedoms Act 2012/);
  assert.match(html, /break-before: page/);
});

test('where enrolment photos are not kept the notice says so in one plain sentence', () => {
  const html = renderPrivacyPack(cfg({ keepEnrolmentPhotosDays: null }), NOW);
  assert.match(html, /Only the template is stored; the enrolment photos are not kept: each is used once to compute the template and then discarded\./);
});

test('in a region that bars face recognition the pack says so plainly', () => {
  const html = renderPrivacyPack(cfg({ region: 'US-NY' }), NOW);
  assert.match(html, /Face recognition is not used at Hill School/);
  assert.match(html, /106-b/);
  assert.match(html, /<dt>Face recognition<\/dt><dd>switched off<\/dd>/);
});

test('school names and settings are escaped, not injected as markup', () => {
  const html = renderPrivacyPack(parseConfig({ ...defaults, school: { ...defaults.school, name: 'St <b>Ann</b>’s & Co' } }), NOW);
  assert.ok(html.includes('St &lt;b&gt;Ann&lt;/b&gt;’s &amp; Co'));
  assert.ok(!html.includes('<b>Ann</b>'));
});

test('npm run privacy-pack writes the pack for a school’s config file', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'school.json'), JSON.stringify({ school: { name: 'Hill School' }, privacy: { templateUnusedDays: 90 } }));
  const out = join(dir, 'pack.html');
  const r = await runScript('src-main/cli/privacy-pack.ts', ['--config', join(dir, 'school.json'), '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /Privacy pack for Hill School written to/);
  assert.match(readFileSync(out, 'utf8'), /after 3 months \(90 days\) without being used/);
});
