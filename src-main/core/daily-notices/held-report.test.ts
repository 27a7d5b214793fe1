// The absence report held after a restore that lost part of check-in: visible on the admin screen,
// and sent by the office once the day's records are right. Real SQLite files, the whole core.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { restoreOffline } from '../backup/restore.js';
import type { CallContext } from '../access/authorize.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { schoolDatabase } from '../../test-support/school-db.js';
import { testTemplateKey } from '../../test-support/template-key.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const office: CallContext = { session: { token: 't', role: 'office' } };

test('a report held by a restore is shown as held, and the office sends it once the records are right', async (t) => {
  const dataDir = tempDir();
  schoolDatabase(dataDir, 6, new Date('2026-12-01T07:00:00Z')).db.close();
  const clock = manualClock(new Date('2026-12-07T07:05:00Z')); // Monday, London
  const config = parseConfig({ ...defaults, disk: { ballastMiB: 1 } });
  const core = () => createCore({ templateKey: testTemplateKey(), config, dataDir, clock, log: silentLogger, healthPort: 0, webhookPort: 0 });
  const absenceTexts = (k: ReturnType<typeof core>) =>
    k.db.prepare("SELECT DISTINCT s.first_name FROM sms_outbox o JOIN students s ON s.id = o.student_id WHERE o.type = 'absence' AND o.state <> 'expired' ORDER BY s.student_number").pluck().all();
  const card = async (k: ReturnType<typeof core>, code: string) =>
    assert.equal((await k.handlers['kiosk:check-in-card']({ code }, { session: null })).outcome, 'recorded');

  const first = core();
  await first.start();
  assert.ok((await first.handlers['backup:now']({}, { session: null })).ok);
  for (const code of ['S0000', 'S0001', 'S0002']) await card(first, code);
  clock.set(new Date('2026-12-07T07:20:00Z'));
  const backup = await first.handlers['backup:now']({}, { session: null });
  assert.ok(backup.ok);
  clock.set(new Date('2026-12-07T07:25:00Z'));
  await card(first, 'S0003');
  await first.stop();

  clock.set(new Date('2026-12-07T07:50:00Z'));
  restoreOffline({ dataDir, dbFile: join(dataDir, 'rollcall.db'), clock, log: silentLogger, backupFile: join(dataDir, 'backups', backup.backup.file) });
  const second = core();
  await second.start();
  t.after(() => second.stop());
  await second.dailyJobs.runDue();
  const held = await second.handlers['notices:absence-report']({}, office);
  assert.equal(held.held, true);
  assert.match(held.detail ?? '', /^absence report held: a backup restore lost the records from 07:20 to 07:50/);
  assert.deepEqual(absenceTexts(second), [], 'nothing is sent while the records may be missing arrivals');

  // The office checks the day: First3 is in class (checked in again), First4 and First5 are not (two guardians each).
  clock.set(new Date('2026-12-07T08:00:00Z'));
  await card(second, 'S0003');
  assert.deepEqual(await second.handlers['notices:send-held-absence']({}, office), { ok: true, reported: 2, texts: 4 });
  assert.deepEqual(absenceTexts(second), ['First4', 'First5']);
  assert.equal((await second.handlers['notices:absence-report']({}, office)).held, false);
  assert.deepEqual(await second.handlers['notices:send-held-absence']({}, office), { ok: false, error: 'The absence report of 2026-12-07 is not held (ok)' });
});
