// The sent-ledger keeps "texts the right parent exactly once" true across backup restores: the file is
// not rolled back with the database, so a text the provider already has is never sent again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { restoreOffline } from '../backup/restore.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { schoolDatabase } from '../../test-support/school-db.js';
import { testTemplateKey } from '../../test-support/template-key.js';
import { createSentLedger, type SentRecord } from './sent-ledger.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

const record = (messageId: string, at: string, expiresAt: string): SentRecord => ({ messageId, state: 'accepted', providerMessageId: null, at, expiresAt });

test('the sent-ledger is read back after a restart, survives a torn last line and forgets lines no restore can need', () => {
  const file = join(tempDir(), 'sms-sent.jsonl');
  const ledger = createSentLedger(file);
  ledger.record(record('rc-old', '2026-12-01T07:00:00.000Z', '2026-12-01T09:00:00.000Z'));
  ledger.record(record('rc-new', '2026-12-07T07:00:00.000Z', '2026-12-07T09:00:00.000Z'));
  appendFileSync(file, '{"messageId":"rc-to');
  const again = createSentLedger(file);
  assert.deepEqual(again.all().map((r) => r.messageId), ['rc-old', 'rc-new']);
  assert.equal(again.compact(new Date('2026-12-07T08:00:00Z')), 1);
  assert.equal(again.get('rc-old'), undefined);
  assert.deepEqual(createSentLedger(file).all().map((r) => r.messageId), ['rc-new']);
});

test('after `npm run restore` puts back a backup from before a check-in, the same check-in again does not text the guardians twice', async () => {
  const dataDir = tempDir();
  schoolDatabase(dataDir, 2).db.close();
  const clock = manualClock(new Date('2026-12-07T07:01:00Z'));
  const config = parseConfig({ ...defaults, disk: { ballastMiB: 1 } });
  const core = () => createCore({ templateKey: testTemplateKey(), config, dataDir, clock, log: silentLogger });
  const smsLog = join(dataDir, 'logs', 'sms.log');
  const texted = () => (existsSync(smsLog) ? readFileSync(smsLog, 'utf8').trim().split('\n').filter(Boolean).length : 0);

  const first = core();
  await first.start();
  const backup = await first.handlers['backup:now']({}, { session: null });
  assert.ok(backup.ok);
  clock.advance(60_000);
  assert.equal((await first.handlers['kiosk:check-in-card']({ code: 'S0000' }, { session: null })).outcome, 'recorded');
  await first.dispatcher.drainOnce();
  assert.equal(texted(), 2, 'both guardians texted once');
  await first.stop();

  clock.advance(60_000);
  restoreOffline({ dataDir, dbFile: join(dataDir, 'rollcall.db'), clock, log: silentLogger, backupFile: backup.backup.file.startsWith('/') ? backup.backup.file : join(dataDir, 'backups', backup.backup.file) });

  const second = core();
  await second.start();
  // The restored database lost the check-in, so the kiosk records it again and queues the same texts.
  assert.equal((await second.handlers['kiosk:check-in-card']({ code: 'S0000' }, { session: null })).outcome, 'recorded');
  await second.dispatcher.drainOnce();
  const states = second.db.prepare('SELECT state FROM sms_outbox ORDER BY id').pluck().all();
  await second.stop();
  assert.deepEqual(states, ['accepted', 'accepted']);
  assert.equal(texted(), 2, 'no guardian texted a second time');
});
