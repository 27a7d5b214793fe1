// IT's backup area on the admin screen, against the serve host and a real data folder: the kiosk that
// started on an emptied database says what it restored and which window of attendance is missing;
// IT takes a backup and restores one, with a confirmation step.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright';
import { launchChromium } from '../src-main/cli/chromium.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { schoolDatabase } from '../src-main/test-support/school-db.js';
import { runScript, startServe, type ServeProcess } from './support/serve-process.js';
import { setUpPins } from './support/admin.js';

const dataDir = tempDir('rollcall-e2e-backups-');
let serve: ServeProcess | null = null;
let browser: Browser | null = null;
after(async () => {
  await browser?.close();
  await serve?.stop();
});

test('IT sees the recovery and the lost window, takes a backup and restores one from the admin screen', async () => {
  schoolDatabase(dataDir, 12).db.close();
  const taken = await runScript('src-main/cli/backup.ts', ['--data-dir', dataDir]);
  assert.equal(taken.code, 0, taken.stderr);
  writeFileSync(join(dataDir, 'rollcall.db'), ''); // the database is emptied while the kiosk is off

  serve = await startServe(['--data-dir', dataDir, '--now', '2026-12-07T07:05:00Z']);
  browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${serve.url}#admin`);
  // A restored database from before the PINs were set asks for them first; setting them signs in as IT.
  await setUpPins(page);
  await page.getByRole('button', { name: 'Backups' }).click();

  const recovery = page.getByTestId('backups-recovery');
  await recovery.waitFor();
  assert.match(await recovery.innerText(), /the database was found empty and the newest good backup was restored/);
  // The emptied database could not be counted, so the window is what may be missing, not a loss.
  assert.match(await recovery.innerText(), /May be missing: anything recorded between .+ and .+; check it against the class registers/);

  await page.getByRole('button', { name: 'Back up now' }).click();
  await page.getByRole('status').filter({ hasText: 'Backup taken and verified' }).waitFor();
  assert.match(await page.getByTestId('backups-count').innerText(), /^[23] of 24, every 60 min$/);

  await page.getByRole('button', { name: 'Restore…' }).last().click();
  await page.getByRole('alertdialog', { name: 'Confirm restore' }).waitFor();
  await page.screenshot({ path: join(dataDir, '..', 'rollcall-backups-admin.png') });
  await page.getByRole('button', { name: 'Restore this backup' }).click();
  await page.getByRole('status').filter({ hasText: 'Restored the backup of' }).waitFor();
  // The notice refreshes after the status line: wait for it rather than read it at once.
  const restoredNotice = page.getByTestId('backups-recovery').filter({ hasText: 'A backup was restored on' });
  await restoredNotice.waitFor();
  assert.match(await restoredNotice.innerText(), /No check-ins were recorded after the backup: nothing is lost/);
  await page.screenshot({ path: join(dataDir, '..', 'rollcall-backups-restored.png') });
});
