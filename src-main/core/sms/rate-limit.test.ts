import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createRateLimiter } from './rate-limit.js';

const limits = { perMinute: 10, perHour: 60 };
const at = new Date('2026-12-07T07:52:00Z');

function setup() {
  const file = join(tempDir(), 'rollcall.db');
  let mono = 5_000_000;
  return {
    file,
    db: openDatabase(file),
    mono: { now: () => mono, advance: (ms: number) => (mono += ms), set: (ms: number) => (mono = ms) },
  };
}

/** Sends as fast as the limiter allows for `ms`, returning the rate-timeline instants of the sends. */
function sendFlatOut(limiter: ReturnType<typeof createRateLimiter>, advance: (ms: number) => void, ms: number): number[] {
  const sent: number[] = [];
  let elapsed = 0;
  while (elapsed < ms) {
    const wait = limiter.reserve(limits, { outboxId: null, attemptedAt: at });
    if (wait === 0) sent.push(limiter.now());
    else {
      advance(wait);
      elapsed += wait;
    }
  }
  return sent;
}

function worstWindow(times: number[], span: number): number {
  let worst = 0;
  for (let i = 0; i < times.length; i++) {
    let n = 0;
    for (let j = i; j < times.length && times[j]! < times[i]! + span; j++) n++;
    worst = Math.max(worst, n);
  }
  return worst;
}

test('ten texts go at once, the eleventh waits until the first leaves the minute window', () => {
  const { db, mono } = setup();
  const limiter = createRateLimiter(db, { monotonic: mono.now, guardMs: 0 });
  for (let i = 0; i < 10; i++) {
    assert.equal(limiter.reserve(limits, { outboxId: null, attemptedAt: at }), 0);
    mono.advance(1_000);
  }
  assert.equal(limiter.reserve(limits, { outboxId: null, attemptedAt: at }), 50_000);
  assert.deepEqual(limiter.window(limits), { lastMinute: 10, lastHour: 10, waitMs: 50_000 });
  mono.advance(50_000);
  assert.equal(limiter.reserve(limits, { outboxId: null, attemptedAt: at }), 0);
});

test('sending flat out for two hours never puts more than 10 in a minute or 60 in an hour', () => {
  const { db, mono } = setup();
  const limiter = createRateLimiter(db, { monotonic: mono.now });
  const sent = sendFlatOut(limiter, mono.advance, 2 * 3_600_000);
  assert.equal(worstWindow(sent, 60_000), 10);
  assert.equal(worstWindow(sent, 3_600_000), 60);
  assert.equal(sent.length, 120);
});

test('a restart keeps the windows: the new process sees the sends of the old one', () => {
  const { file, db, mono } = setup();
  const before = createRateLimiter(db, { monotonic: mono.now, guardMs: 0 });
  for (let i = 0; i < 10; i++) before.reserve(limits, { outboxId: null, attemptedAt: at });
  db.close();
  mono.advance(20_000);
  const after = createRateLimiter(openDatabase(file), { monotonic: mono.now, guardMs: 0 });
  assert.equal(after.reserve(limits, { outboxId: null, attemptedAt: at }), 40_000);
});

test('a reboot in between (the monotonic clock starts again from zero) can only delay the next send', () => {
  const { file, db, mono } = setup();
  const before = createRateLimiter(db, { monotonic: mono.now, guardMs: 0 });
  for (let i = 0; i < 10; i++) before.reserve(limits, { outboxId: null, attemptedAt: at });
  db.close();
  // Rebooted 30 s ago: at least 30 s have passed since the last send, maybe more; 30 s is assumed.
  mono.set(30_000);
  const after = createRateLimiter(openDatabase(file), { monotonic: mono.now, guardMs: 0 });
  assert.equal(after.reserve(limits, { outboxId: null, attemptedAt: at }), 30_000);
});

test('wall-clock steps of an hour either way, in the middle of a burst and across restarts, change nothing', () => {
  const { file, db, mono } = setup();
  // The wall clock is only recorded for people; stepping it must not open or close a window.
  let limiter = createRateLimiter(db, { monotonic: mono.now });
  let current = db;
  const sent: number[] = [];
  for (const step of [3_600_000, -3_600_000, -3_600_000, 3_600_000]) {
    const wall = new Date(at.getTime() + step);
    for (let i = 0; i < 200; i++) {
      const wait = limiter.reserve(limits, { outboxId: null, attemptedAt: wall });
      if (wait === 0) sent.push(limiter.now());
      else mono.advance(Math.min(wait, 7_000));
    }
    current.close();
    current = openDatabase(file);
    limiter = createRateLimiter(current, { monotonic: mono.now });
  }
  assert.ok(sent.length > 60);
  assert.equal(worstWindow(sent, 60_000), 10);
  assert.equal(worstWindow(sent, 3_600_000), 60);
});

test('a lowered limit waits until enough old sends have left the window', () => {
  const { db, mono } = setup();
  const limiter = createRateLimiter(db, { monotonic: mono.now, guardMs: 0 });
  for (let i = 0; i < 10; i++) {
    limiter.reserve(limits, { outboxId: null, attemptedAt: at });
    mono.advance(1_000);
  }
  // Now 5 per minute: sends 1-6 (at 0..5 s) must leave the window before one more may go.
  assert.equal(limiter.reserve({ perMinute: 5, perHour: 60 }, { outboxId: null, attemptedAt: at }), 55_000);
});
