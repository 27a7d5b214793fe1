import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openOutboxFixture, schoolMorning } from './fixtures.js';
import { claimNextDue, expireOverdue, outboxCounts, requeueInterruptedSends } from './outbox.js';
import { messageIdFor } from './message-id.js';

test('a check-in queues one text per guardian, however often it is enqueued', () => {
  const f = openOutboxFixture();
  assert.deepEqual(f.enqueue(0), { inserted: true });
  assert.deepEqual(f.enqueue(0), { inserted: false });
  assert.deepEqual(f.enqueue(0, { body: 'a different text' }), { inserted: false });
  assert.equal(outboxCounts(f.db).queued, 1);
  assert.match(f.rowFor(0).body, /checked in at 07:52/);
});

test('a queued text is due at once, expires after its TTL and carries the id derived from its key', () => {
  const f = openOutboxFixture();
  f.enqueue(0, { ttlSeconds: 600 });
  const row = f.rowFor(0);
  assert.equal(row.state, 'queued');
  assert.equal(row.attempts, 0);
  assert.equal(row.next_attempt_at, '2026-12-07T07:52:00.000Z');
  assert.equal(row.expires_at, '2026-12-07T08:02:00.000Z');
  assert.equal(row.created_at, '2026-12-07T07:52:00.000Z');
  assert.equal(row.message_id, messageIdFor(`attendance:${f.attendanceId}:guardian:${f.guardianIds[0]}`));
});

test('a text queued in a check-in transaction that rolls back is gone with it', () => {
  const f = openOutboxFixture();
  assert.throws(() =>
    f.db.transaction(() => {
      f.enqueue(0);
      throw new Error('check-in failed after queueing');
    })(),
  );
  assert.equal(outboxCounts(f.db).queued, 0);
});

test('late arrivals are claimed before routine ones, then oldest first', () => {
  const f = openOutboxFixture();
  f.enqueue(0);
  f.enqueue(1, { priority: 1 });
  f.enqueue(2);
  const order = [1, 2, 3].map(() => claimNextDue(f.db, schoolMorning)!.phoneE164);
  assert.deepEqual(order, [f.rowFor(1).phone_e164, f.rowFor(0).phone_e164, f.rowFor(2).phone_e164]);
  assert.equal(claimNextDue(f.db, schoolMorning), undefined);
  assert.equal(outboxCounts(f.db).sending, 3);
});

test('claiming a text counts the attempt and a retry not yet due is not claimed', () => {
  const f = openOutboxFixture();
  f.enqueue(0);
  f.db.prepare(`UPDATE sms_outbox SET attempts = 1, next_attempt_at = '2026-12-07T07:53:00.000Z'`).run();
  assert.equal(claimNextDue(f.db, schoolMorning), undefined);
  const claimed = claimNextDue(f.db, new Date('2026-12-07T07:53:00Z'));
  assert.equal(claimed?.attempts, 2);
  assert.equal(f.rowFor(0).state, 'sending');
});

test('a text never tried is due even when the clock has been stepped back past its creation', () => {
  const f = openOutboxFixture();
  f.enqueue(0);
  assert.equal(claimNextDue(f.db, new Date('2026-12-07T06:52:00Z'))?.attempts, 1);
});

test('texts past their TTL are expired, not claimed', () => {
  const f = openOutboxFixture();
  f.enqueue(0, { ttlSeconds: 60 });
  const later = new Date(schoolMorning.getTime() + 60_000);
  assert.equal(claimNextDue(f.db, later), undefined);
  assert.deepEqual(expireOverdue(f.db, later), [f.rowFor(0).id]);
  assert.equal(f.rowFor(0).state, 'expired');
});

test('sends cut short by a crash go back to the queue', () => {
  const f = openOutboxFixture();
  f.enqueue(0);
  claimNextDue(f.db, schoolMorning);
  assert.equal(requeueInterruptedSends(f.db, schoolMorning), 1);
  assert.equal(f.rowFor(0).state, 'queued');
  assert.equal(f.rowFor(0).attempts, 1);
});

test('the outbox reports a count for every state', () => {
  const f = openOutboxFixture();
  f.enqueue(0);
  f.enqueue(1);
  claimNextDue(f.db, schoolMorning);
  assert.deepEqual(outboxCounts(f.db), { queued: 1, sending: 1, accepted: 0, sent: 0, delivered: 0, failed: 0, expired: 0 });
});
