import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smsCapacity, type QueuedForCapacity } from './capacity.js';

const now = Date.parse('2026-12-07T07:30:00Z');
const limits = { perMinute: 10, perHour: 60 };
const arrivals = (n: number, ttlMin = 120): QueuedForCapacity[] => Array.from({ length: n }, () => ({ priority: 0, dueAt: now, expiresAt: now + ttlMin * 60_000 }));

test('a queue that fits: 50 arrival texts, the last sent 4 minutes from now, no warning', () => {
  const r = smsCapacity({ now, queue: arrivals(50), limits, recentSendsAgoMs: [] });
  assert.deepEqual([r.status, r.wouldExpire, r.drainMinutes, r.remedies.length], ['ok', 0, 4, 0]);
});

test('a whole school arriving at once: 400 texts at 60 an hour, 280 expire, with the remedies', () => {
  const r = smsCapacity({ now, queue: arrivals(400), limits, recentSendsAgoMs: [] });
  // Two hours of TTL at 60/h: 120 go out, the rest expire.
  assert.equal(r.status, 'warn');
  assert.equal(r.wouldExpire, 280);
  assert.equal(r.neededPerHour, 200);
  assert.match(r.warnings[0]!, /280 of 400 queued texts will expire/);
  assert.equal(r.remedies.length, 4);
  assert.match(r.remedies.join('\n'), /sms\.limits\.perHour[\s\S]*second gateway phone[\s\S]*late-arrival and absence[\s\S]*Twilio/);
});

test('the sends already in the hour window count against the queue', () => {
  const full = Array.from({ length: 60 }, (_, i) => 59 * 60_000 - i * 1_000);
  const r = smsCapacity({ now, queue: arrivals(10, 30), limits, recentSendsAgoMs: full });
  // The hour is full for about another minute; the 10 texts then go within the next minute and a half.
  assert.equal(r.wouldExpire, 0);
  const tight = smsCapacity({ now, queue: arrivals(10, 1), limits, recentSendsAgoMs: full });
  assert.equal(tight.wouldExpire, 10);
});

test('the morning forecast warns before anything is queued when the school is larger than the limit allows', () => {
  const r = smsCapacity({ now, queue: [], limits, recentSendsAgoMs: [], morningArrivalTexts: 600, arrivalTtlMinutes: 120 });
  assert.equal(r.status, 'warn');
  assert.equal(r.morningFits, false);
  assert.match(r.warnings[0]!, /about 600 arrival texts; at 60\/h only 120 can be sent within their 120-minute time to live/);
  assert.equal(smsCapacity({ now, queue: [], limits, recentSendsAgoMs: [], morningArrivalTexts: 100, arrivalTtlMinutes: 120 }).morningFits, true);
});
