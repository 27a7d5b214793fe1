// The printable privacy pages as a school prints them: real Chromium, print media, A4.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright';
import { launchChromium } from '../src-main/cli/chromium.js';
import { parseConfig } from '../src-main/core/config/load.js';
import { renderPrivacyPack } from '../src-main/core/privacy/privacy-pack.js';
import { renderErasureReceipt } from '../src-main/core/privacy/erasure-receipt.js';

const defaults = JSON.parse(readFileSync(new URL('../config/default.json', import.meta.url), 'utf8'));
let browser: Browser | null = null;
after(async () => browser?.close());

async function printedPages(html: string): Promise<{ pages: number; overflow: boolean }> {
  browser ??= await launchChromium();
  const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
  await page.setContent(html);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
  await page.close();
  return { pages: (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length, overflow };
}

test('the privacy pack prints as three A4 pages: notice, consent form, retention schedule', { timeout: 60_000 }, async () => {
  const cfg = parseConfig({
    ...defaults,
    school: { ...defaults.school, name: 'Hill Community School' },
    kiosk: { ...defaults.kiosk, faceRecognition: true },
    privacy: { ...defaults.privacy, dpia: { reference: 'DPIA-HCS-2026-03', date: '2026-08-15' }, keepEnrolmentPhotosDays: 14, evidencePhotos: { enabled: true, keepDays: 7 } },
  });
  assert.deepEqual(await printedPages(renderPrivacyPack(cfg, new Date('2026-09-01T09:00:00Z'))), { pages: 3, overflow: false });
});

test('a deletion receipt prints on one page', { timeout: 60_000 }, async () => {
  const html = renderErasureReceipt(
    { erasureId: '3f0c2a4e-8d6b-4f7e-9a51-2b7c9d0e1f22', studentId: 1, studentNumber: '1001', reason: 'request', requestedBy: 'J. Okafor', occurredAt: '2026-12-07T10:15:00Z', templatesDeleted: 2, photosDeleted: 0, fingerprints: null },
    { name: 'Hill Community School', timezone: 'Europe/London' },
  );
  assert.deepEqual(await printedPages(html), { pages: 1, overflow: false });
});
