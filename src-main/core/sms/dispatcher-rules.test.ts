import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeAndroidGateway, type Behaviour } from '../../../e2e/fakes/android-sms-gateway.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { createSmsDispatcher, type DispatchSettings } from './dispatcher.js';
import { openOutboxFixture, schoolMorning } from './fixtures.js';
import { flagPhone, outboxCounts } from './outbox.js';
import { createAndroidGatewayLocalProvider } from './providers/android-gateway-local.js';
import type { OutboxType } from './message-types.js';

async function setup(t: TestContext, opts: { settings?: Partial<DispatchSettings>; behaviour?: Behaviour; start?: Date } = {}) {
  const f = openOutboxFixture(opts.start ?? schoolMorning);
  const fake = await startFakeAndroidGateway({ username: 'sms', password: 'pw', behaviour: opts.behaviour });
  const clock = manualClock(opts.start ?? schoolMorning);
  const settings: DispatchSettings = { limits: { perMinute: 10, perHour: 60 }, quietHours: null, timeZone: 'Europe/London', ...opts.settings };
  const dispatcher = createSmsDispatcher({
    db: f.db,
    provider: createAndroidGatewayLocalProvider({ url: fake.url, username: 'sms', password: 'pw', withDeliveryReport: true, timeoutMs: 5_000, clock }),
    clock,
    log: silentLogger,
    settings: () => settings,
    monotonic: () => clock.now().getTime(),
    random: () => 0,
    pollIntervalMs: 60_000,
  });
  t.after(() => fake.close());
  let n = 0;
  /** Queues a text of `type` to a fresh number; returns its outbox id. */
  const queue = (type: OutboxType, ttlSeconds = 7200) => {
    n++;
    const phone = `+4474009${String(n).padStart(5, '0')}`;
    f.enqueue(0, { idempotencyKey: `${type}:${n}`, type, phoneE164: phone, ttlSeconds, now: clock.now() });
    return (f.db.prepare('SELECT id FROM sms_outbox WHERE idempotency_key = ?').get(`${type}:${n}`) as { id: number }).id;
  };
  const stateOf = (id: number) => f.db.prepare('SELECT state, last_error FROM sms_outbox WHERE id = ?').get(id) as { state: string; last_error: string | null };
  return { ...f, fake, clock, dispatcher, queue, stateOf, settings };
}

test('absence and late texts go before the routine arrivals queued ahead of them', async (t) => {
  const s = await setup(t);
  const routine = [s.queue('check_in'), s.queue('check_out'), s.queue('no_checkout')];
  const late = s.queue('late_arrival');
  const absent = s.queue('absence');
  await s.dispatcher.drainOnce();
  const order = s.fake.received.map((m) => (s.db.prepare('SELECT id FROM sms_outbox WHERE message_id = ?').get(m.id) as { id: number }).id);
  assert.deepEqual(order, [absent, late, routine[2], routine[0], routine[1]]);
});

test('a burst over the limit waits, is sent as the windows allow, and none is dropped', async (t) => {
  const s = await setup(t);
  const ids = Array.from({ length: 25 }, () => s.queue('check_in'));
  assert.equal(await s.dispatcher.drainOnce(), 10);
  assert.equal(outboxCounts(s.db).queued, 15);
  s.clock.advance(30_000);
  assert.equal(await s.dispatcher.drainOnce(), 0);
  s.clock.advance(31_000);
  assert.equal(await s.dispatcher.drainOnce(), 10);
  s.clock.advance(61_000);
  assert.equal(await s.dispatcher.drainOnce(), 5);
  assert.deepEqual(ids.map((id) => s.stateOf(id).state), ids.map(() => 'accepted'));
  assert.equal(s.fake.received.length, 25);
});

test('a limit changed in the settings applies to the next pass', async (t) => {
  const s = await setup(t);
  for (let i = 0; i < 8; i++) s.queue('check_in');
  s.settings.limits = { perMinute: 3, perHour: 60 };
  assert.equal(await s.dispatcher.drainOnce(), 3);
});

test('in quiet hours routine texts expire visibly and absence texts wait until quiet hours end', async (t) => {
  // 21:58 London (GMT in December); quiet hours 22:00-06:00.
  const s = await setup(t, { start: new Date('2026-12-07T21:58:00Z'), settings: { quietHours: ['22:00', '06:00'], limits: { perMinute: 1, perHour: 60 } } });
  const first = s.queue('check_out');
  const routine = s.queue('check_out');
  const absent = s.queue('absence', 12 * 3600);
  const late = s.queue('late_arrival', 3600);
  assert.equal(await s.dispatcher.drainOnce(), 1); // absence first; then the minute window is full
  assert.equal(s.stateOf(absent).state, 'accepted');
  s.clock.set(new Date('2026-12-07T22:00:00Z'));
  assert.equal(await s.dispatcher.drainOnce(), 0);
  assert.deepEqual(s.stateOf(first), { state: 'expired', last_error: 'quiet hours began before it was sent' });
  assert.equal(s.stateOf(routine).state, 'expired');
  assert.equal(s.stateOf(late).state, 'queued');
  s.clock.set(new Date('2026-12-08T05:59:59Z'));
  assert.equal(await s.dispatcher.drainOnce(), 0);
  // The late text's one-hour TTL ran out in the night: expired, never sent.
  assert.equal(s.stateOf(late).state, 'expired');
  assert.equal(s.fake.received.length, 1);
});

test('a text that waited through quiet hours goes out when they end', async (t) => {
  const s = await setup(t, { start: new Date('2026-12-07T23:00:00Z'), settings: { quietHours: ['22:00', '06:00'] } });
  const absent = s.queue('absence', 12 * 3600);
  assert.equal(await s.dispatcher.drainOnce(), 0);
  s.clock.set(new Date('2026-12-08T06:00:00Z'));
  assert.equal(await s.dispatcher.drainOnce(), 1);
  assert.equal(s.stateOf(absent).state, 'accepted');
});

test('a text to a number a provider called invalid fails at once with the reason, without a send', async (t) => {
  const s = await setup(t);
  const id = s.queue('check_in');
  const phone = (s.db.prepare('SELECT phone_e164 FROM sms_outbox WHERE id = ?').get(id) as { phone_e164: string }).phone_e164;
  flagPhone(s.db, phone, 'Twilio error 21211', s.clock.now());
  assert.equal(await s.dispatcher.drainOnce(), 0);
  assert.equal(s.stateOf(id).state, 'failed');
  assert.match(s.stateOf(id).last_error!, /flagged as invalid on 2026-12-07: Twilio error 21211/);
  assert.equal(s.fake.requests.length, 0);
});

test('a number the gateway rejects as invalid is flagged, and later texts to it are not sent', async (t) => {
  const s = await setup(t, { behaviour: (r) => (r.method === 'POST' ? { status: 400, body: { message: 'failed to use phone in row 1: invalid phone number' } } : undefined) });
  const first = s.queue('check_in');
  await s.dispatcher.drainOnce();
  assert.equal(s.stateOf(first).state, 'failed');
  const phone = (s.db.prepare('SELECT phone_e164 FROM sms_outbox WHERE id = ?').get(first) as { phone_e164: string }).phone_e164;
  const flag = s.db.prepare('SELECT reason FROM guardian_phone_flags WHERE phone_e164 = ?').get(phone) as { reason: string };
  assert.match(flag.reason, /invalid phone number/);
  s.enqueue(0, { idempotencyKey: 'again', phoneE164: phone, now: s.clock.now() });
  await s.dispatcher.drainOnce();
  assert.equal(s.fake.requests.length, 1);
});
