import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeAndroidGateway, type Behaviour } from '../../../e2e/fakes/android-sms-gateway.js';
import type { Logger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { createSmsDispatcher } from './dispatcher.js';
import { openOutboxFixture, schoolMorning } from './fixtures.js';
import { claimNextDue, outboxCounts } from './outbox.js';
import { createAndroidGatewayLocalProvider } from './providers/android-gateway-local.js';

async function setup(t: TestContext, opts: { behaviour?: Behaviour; timeoutMs?: number; log?: Logger; pollIntervalMs?: number } = {}) {
  const f = openOutboxFixture();
  const fake = await startFakeAndroidGateway({ username: 'sms', password: 'Jx7pQ2mZ', behaviour: opts.behaviour });
  const clock = manualClock(schoolMorning);
  const provider = createAndroidGatewayLocalProvider({
    url: fake.url,
    username: 'sms',
    password: 'Jx7pQ2mZ',
    withDeliveryReport: true,
    timeoutMs: opts.timeoutMs ?? 5_000,
    clock,
  });
  const newDispatcher = () =>
    createSmsDispatcher({
      db: f.db,
      provider,
      clock,
      log: opts.log ?? { info() {}, warn() {}, error() {} },
      random: () => 0,
      pollIntervalMs: opts.pollIntervalMs ?? 60_000,
      // The rate windows run on the test's clock too, so advancing it moves both.
      monotonic: () => clock.now().getTime(),
    });
  const dispatcher = newDispatcher();
  t.after(async () => {
    await dispatcher.stop();
    await fake.close();
  });
  return { ...f, fake, clock, provider, dispatcher, newDispatcher };
}

/** A behaviour that answers the first `n` requests with `answer`, then follows the protocol. */
function firstRequests(n: number, answer: ReturnType<Behaviour>): Behaviour {
  let seen = 0;
  return () => (seen++ < n ? answer : undefined);
}


test('each queued text reaches the gateway once, as its own message to one guardian', async (t) => {
  const s = await setup(t);
  for (const n of [0, 1, 2]) s.enqueue(n);
  assert.equal(await s.dispatcher.drainOnce(), 3);
  assert.deepEqual(
    s.fake.received.map((m) => [m.id, m.phoneNumbers]),
    [0, 1, 2].map((n) => [s.rowFor(n).message_id, [s.rowFor(n).phone_e164]]),
  );
  assert.equal(outboxCounts(s.db).accepted, 3);
  assert.equal(await s.dispatcher.drainOnce(), 0);
  assert.equal(s.fake.requests.length, 3);
});

test('the gateway is given only the TTL that is left, so it cannot send a stale text', async (t) => {
  const s = await setup(t);
  s.enqueue(0, { ttlSeconds: 7200 });
  s.clock.advance(10 * 60_000);
  await s.dispatcher.drainOnce();
  assert.equal(s.fake.received[0]?.ttl, 6600);
});

test('a text the gateway already holds is marked accepted, not sent again, and its state is asked', async (t) => {
  const s = await setup(t);
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  // As after restoring a backup taken before the acceptance was recorded.
  s.db.prepare(`UPDATE sms_outbox SET state = 'queued'`).run();
  assert.equal(await s.dispatcher.drainOnce(), 1);
  assert.equal(s.rowFor(0).state, 'accepted');
  assert.equal(s.fake.received.length, 1);
  assert.equal(await s.dispatcher.drainOnce(), 0);
  assert.deepEqual(s.fake.requests.map((r) => `${r.method} ${r.path}`), [
    'POST /messages',
    'POST /messages',
    `GET /messages/${s.rowFor(0).message_id}`,
  ]);
});

test("a gateway's 503 with Retry-After holds the text back exactly that long", async (t) => {
  const s = await setup(t, { behaviour: firstRequests(1, { status: 503, body: { message: 'queue limit exceeded' }, headers: { 'retry-after': '30' } }) });
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  const row = s.rowFor(0);
  assert.equal(row.state, 'queued');
  assert.equal(row.attempts, 1);
  assert.equal(row.next_attempt_at, '2026-12-07T07:52:30.000Z');
  assert.match(row.last_error ?? '', /HTTP 503/);
  s.clock.advance(29_999);
  assert.equal(await s.dispatcher.drainOnce(), 0);
  s.clock.advance(1);
  assert.equal(await s.dispatcher.drainOnce(), 1);
  assert.equal(s.rowFor(0).state, 'accepted');
});

test('while the gateway asks to wait, no other text is sent to it either', async (t) => {
  const s = await setup(t, { behaviour: firstRequests(1, { status: 503, headers: { 'retry-after': '30' } }) });
  s.enqueue(0);
  s.enqueue(1);
  assert.equal(await s.dispatcher.drainOnce(), 1);
  s.clock.advance(29_000);
  assert.equal(await s.dispatcher.drainOnce(), 0);
  assert.equal(s.rowFor(1).attempts, 0);
  s.clock.advance(1_000);
  assert.equal(await s.dispatcher.drainOnce(), 2);
  assert.equal(outboxCounts(s.db).accepted, 2);
});

test('a gateway error without Retry-After backs off 2 s, then 4 s', async (t) => {
  const s = await setup(t, { behaviour: firstRequests(2, { status: 500 }) });
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  assert.equal(s.rowFor(0).next_attempt_at, '2026-12-07T07:52:02.000Z');
  s.clock.advance(2_000);
  await s.dispatcher.drainOnce();
  assert.equal(s.rowFor(0).next_attempt_at, '2026-12-07T07:52:06.000Z');
  assert.equal(s.rowFor(0).attempts, 2);
});

test('a text the gateway rejects as invalid ends failed with the reason, and is not retried', async (t) => {
  const s = await setup(t);
  s.enqueue(0, { body: '' });
  await s.dispatcher.drainOnce();
  assert.equal(s.rowFor(0).state, 'failed');
  assert.equal(s.rowFor(0).last_error, 'gateway refused the message (HTTP 400): Text message is empty');
  s.clock.advance(3_600_000);
  assert.equal(await s.dispatcher.drainOnce(), 0);
});

test('wrong gateway credentials leave the text queued with a reason an operator can act on', async (t) => {
  const s = await setup(t, { behaviour: firstRequests(1, { status: 401 }) });
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  assert.equal(s.rowFor(0).state, 'queued');
  assert.match(s.rowFor(0).last_error ?? '', /gateway rejected the credentials/);
});

test('after a gateway that took the text but never answered, the kiosk asks before sending again and the parent gets one text', async (t) => {
  const s = await setup(t, { timeoutMs: 200, behaviour: firstRequests(1, { hang: true }) });
  s.enqueue(0);
  assert.equal(await s.dispatcher.drainOnce(), 1);
  assert.equal(s.rowFor(0).state, 'queued');
  assert.equal((s.rowFor(0) as unknown as { outcome_unknown: number }).outcome_unknown, 1);
  assert.match(s.rowFor(0).last_error ?? '', /did not answer within 200 ms/);
  s.clock.advance(2_000);
  assert.equal(await s.dispatcher.drainOnce(), 0);
  assert.equal(s.rowFor(0).state, 'accepted');
  assert.deepEqual(s.fake.requests.map((r) => r.method), ['POST', 'GET']);
  assert.equal(s.fake.received.length, 1);
});

test('an arrival text older than its TTL is marked expired, not sent', async (t) => {
  const s = await setup(t);
  s.enqueue(0, { ttlSeconds: 60 });
  s.clock.advance(60_000);
  assert.equal(await s.dispatcher.drainOnce(), 0);
  assert.equal(s.rowFor(0).state, 'expired');
  assert.equal(s.fake.requests.length, 0);
});

test('a text left sending by a crash before it reached the gateway is sent once after restart', { timeout: 10_000 }, async (t) => {
  const s = await setup(t);
  s.enqueue(0);
  claimNextDue(s.db, s.clock.now()); // the crashed process had claimed it
  await s.dispatcher.start();
  await s.fake.waitForMessages(1, 5_000);
  await s.dispatcher.stop();
  assert.equal(s.rowFor(0).state, 'accepted');
  // Asked first (404: never arrived), then sent.
  assert.deepEqual(s.fake.requests.map((r) => r.method), ['GET', 'POST']);
});

test('a text left sending by a crash after the gateway took it is not sent twice after restart', { timeout: 10_000 }, async (t) => {
  let resent!: () => void;
  const resendArrived = new Promise<void>((r) => (resent = r));
  let seen = 0;
  const s = await setup(t, { behaviour: () => void (++seen === 2 && resent()) });
  s.enqueue(0);
  const claimed = claimNextDue(s.db, s.clock.now())!;
  await s.provider.send({ messageId: claimed.messageId, phoneE164: claimed.phoneE164, text: claimed.body, ttlSeconds: 7200 });
  await s.dispatcher.start();
  await resendArrived;
  await s.dispatcher.stop();
  assert.equal(s.rowFor(0).state, 'accepted');
  assert.equal(s.fake.received.length, 1);
});

test('a newly queued text is sent when the check-in wakes the dispatcher, without waiting for the poll', { timeout: 10_000 }, async (t) => {
  const s = await setup(t, { pollIntervalMs: 3_600_000 });
  await s.dispatcher.start();
  s.enqueue(0);
  s.dispatcher.wake();
  await s.fake.waitForMessages(1, 5_000);
});

test('stopping waits for the text in flight and records its outcome', { timeout: 10_000 }, async (t) => {
  let arrived!: () => void;
  let release!: () => void;
  const inFlight = new Promise<void>((r) => (arrived = r));
  const released = new Promise<void>((r) => (release = r));
  const s = await setup(t, {
    behaviour: async () => {
      arrived();
      await released;
      return undefined;
    },
  });
  s.enqueue(0);
  await s.dispatcher.start();
  await inFlight;
  const stopped = s.dispatcher.stop();
  release();
  await stopped;
  assert.equal(s.rowFor(0).state, 'accepted');
});

test('the dispatcher never has two texts in flight at once', { timeout: 10_000 }, async (t) => {
  let open = 0;
  let most = 0;
  // Each request waits at the gateway until the test lets it through.
  const waiting: Array<(release: () => void) => void> = [];
  const held: Array<() => void> = [];
  const nextRequest = () => new Promise<() => void>((r) => (held.length > 0 ? r(held.shift()!) : waiting.push(r)));
  const s = await setup(t, {
    behaviour: async () => {
      most = Math.max(most, ++open);
      await new Promise<void>((release) => (waiting.length > 0 ? waiting.shift()!(release) : held.push(release)));
      open--;
      return undefined;
    },
  });
  for (const n of [0, 1, 2]) s.enqueue(n);
  const passes = [s.dispatcher.drainOnce(), s.dispatcher.drainOnce()];
  for (let i = 0; i < 3; i++) (await nextRequest())();
  assert.deepEqual(await Promise.all(passes), [3, 0]);
  assert.equal(most, 1);
});

test('the log names texts by id only: no phone number, name or message text', async (t) => {
  const lines: string[] = [];
  const capture = (level: string) => (msg: string, fields?: Record<string, unknown>) => lines.push(JSON.stringify({ level, msg, ...fields }));
  const s = await setup(t, {
    log: { info: capture('info'), warn: capture('warn'), error: capture('error') },
    behaviour: firstRequests(1, { status: 503, headers: { 'retry-after': '1' } }),
  });
  s.enqueue(0);
  s.enqueue(1, { body: '' });
  s.enqueue(2, { ttlSeconds: 1 });
  await s.dispatcher.drainOnce();
  s.clock.advance(2_000);
  await s.dispatcher.drainOnce();
  assert.ok(lines.length >= 4, lines.join('\n'));
  for (const line of lines) {
    for (const secret of ['+4474', '7400', 'Zoë', 'Núñez', 'checked in', 'Text message is empty', 'Jx7pQ2mZ']) {
      assert.ok(!line.includes(secret), `log line leaks "${secret}": ${line}`);
    }
  }
});
