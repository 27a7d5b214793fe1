import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { migrations } from '../db/migrations/index.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { manualClock } from '../time/clock.js';
import { openOutboxFixture, schoolMorning } from './fixtures.js';
import { advanceState, claim, enqueueSms, expireOverdue, markFailed, outboxCounts } from './outbox.js';
import { outboxMetricsSource } from './outbox-metrics.js';

test('the counts by state the metrics read equal the outbox as texts are queued, sent, delivered, failed, expired and removed', () => {
  const f = openOutboxFixture();
  const clock = manualClock(schoolMorning);
  const source = outboxMetricsSource(f.db, clock);
  const same = (why: string) => assert.deepEqual(source.byState(), outboxCounts(f.db), why);
  same('empty');
  for (const n of [0, 1, 2]) f.enqueue(n);
  f.enqueue(0);
  same('queued, a repeat key adding nothing');
  claim(f.db, f.rowFor(0).id, schoolMorning);
  same('sending');
  advanceState(f.db, f.rowFor(0).id, 'delivered', schoolMorning);
  advanceState(f.db, f.rowFor(0).id, 'sent', schoolMorning);
  same('delivered; a late sent changes nothing');
  markFailed(f.db, f.rowFor(1).id, 'invalid number', schoolMorning);
  same('failed');
  expireOverdue(f.db, new Date(schoolMorning.getTime() + 3 * 3_600_000));
  same('expired');
  f.db.prepare(`UPDATE sms_outbox SET state = 'queued'`).run();
  same('many rows in one statement');
  f.db.prepare('DELETE FROM sms_outbox WHERE id = ?').run(f.rowFor(2).id);
  same('removed');
  assert.deepEqual(source.byState(), { queued: 2, sending: 0, accepted: 0, sent: 0, delivered: 0, failed: 0, expired: 0 });
});

test('a database from before the counts existed starts with the counts of the texts it already holds', () => {
  const file = join(tempDir(), 'rollcall.db');
  const older = openDatabase(file, { migrations: migrations.filter((m) => m.version < 62) });
  older.prepare(`INSERT INTO guardians (name, phone_e164, created_at, updated_at) VALUES ('G', '+447400123456', 'x', 'x')`).run();
  for (let i = 0; i < 5; i++) {
    enqueueSms(older, { idempotencyKey: `k${i}`, type: 'check_in', studentId: null, guardianId: null, attendanceId: null, phoneE164: '+447400123456', body: 'x', now: schoolMorning, ttlSeconds: 7200 });
  }
  older.prepare(`UPDATE sms_outbox SET state = 'delivered' WHERE id <= 3`).run();
  older.close();
  const db = openDatabase(file);
  assert.deepEqual(outboxMetricsSource(db, manualClock(schoolMorning)).byState(), outboxCounts(db));
  assert.equal(outboxCounts(db).delivered, 3);
});
