import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import Database from 'better-sqlite3';
import { startFakeAndroidGateway } from '../../../e2e/fakes/android-sms-gateway.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { createSmsDispatcher } from './dispatcher.js';
import { openOutboxFixture, schoolMorning } from './fixtures.js';
import { createAndroidGatewayLocalProvider } from './providers/android-gateway-local.js';
import { createSmsWebhookService } from './webhook-service.js';
import { smsGateSignature, twilioSignature } from './webhook-signatures.js';
import { registerGatewayWebhooks } from './webhook-registration.js';

const KEY = 'Jx7pQ2mZ';
const TWILIO_TOKEN = 'twilio-token-0123456789';
const CALLBACK = 'https://kiosk.hill-school.example/sms-webhook';

async function setup(t: TestContext, opts: { headersTimeoutMs?: number; maxBodyBytes?: number } = {}) {
  const f = openOutboxFixture();
  const clock = manualClock(schoolMorning);
  const phoneNow = () => Math.floor(clock.now().getTime() / 1000);
  const fake = await startFakeAndroidGateway({ username: 'sms', password: 'pw', signingKey: KEY, phoneNow, retryBaseMs: 10 });
  let appliedWaiters: Array<() => void> = [];
  const service = createSmsWebhookService({
    db: f.db,
    clock,
    log: silentLogger,
    host: '127.0.0.1',
    port: 0,
    secrets: () => ({ signingKey: KEY, twilioAuthToken: TWILIO_TOKEN, twilioCallbackUrl: CALLBACK }),
    onApplied: () => {
      const w = appliedWaiters;
      appliedWaiters = [];
      for (const r of w) r();
    },
    ...opts,
  });
  await service.start();
  const url = `http://127.0.0.1:${service.port()}/sms-webhook`;
  const dispatcher = createSmsDispatcher({
    db: f.db,
    provider: createAndroidGatewayLocalProvider({ url: fake.url, username: 'sms', password: 'pw', withDeliveryReport: true, timeoutMs: 5_000, clock }),
    clock,
    log: silentLogger,
    monotonic: () => clock.now().getTime(),
  });
  t.after(async () => {
    await fake.close();
    await service.stop();
  });
  const nextApplied = () => new Promise<void>((r) => appliedWaiters.push(r));
  /** Sends a signed SMS Gateway event body straight to the kiosk. */
  const post = (body: string, headers: Record<string, string> = {}, ts = String(phoneNow())) =>
    fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': smsGateSignature(KEY, Buffer.from(body), ts), ...headers },
      body,
    });
  const envelope = (id: string, event: string, messageId: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ id, webhookId: 'w1', event, deviceId: 'd1', payload: { messageId, recipient: '+447400123456', simNumber: 1, ...extra } });
  return { ...f, clock, fake, service, url, dispatcher, nextApplied, post, envelope };
}

const delivery = (s: { db: import('../db/open.js').Db }) =>
  s.db.prepare('SELECT state, recipient, reason FROM sms_delivery_events ORDER BY id').all() as Array<{ state: string; recipient: string; reason: string | null }>;

test('the gateway registers our webhook, then its signed sent and delivered reports move the text to delivered', async (t) => {
  const s = await setup(t);
  const reg = await registerGatewayWebhooks({ url: s.fake.url, username: 'sms', password: 'pw', webhookUrl: s.url, timeoutMs: 2_000, log: silentLogger });
  assert.deepEqual(reg, { registered: ['sms:sent', 'sms:delivered', 'sms:failed'], failed: [] });
  // Registering again at the next start replaces, never duplicates.
  await registerGatewayWebhooks({ url: s.fake.url, username: 'sms', password: 'pw', webhookUrl: s.url, timeoutMs: 2_000, log: silentLogger });
  assert.equal(s.fake.webhooks.size, 3);
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  const id = s.rowFor(0).message_id;
  let applied = s.nextApplied();
  await s.fake.report(id, 'sms:sent');
  await applied;
  assert.equal(s.rowFor(0).state, 'sent');
  applied = s.nextApplied();
  await s.fake.report(id, 'sms:delivered');
  await applied;
  assert.equal(s.rowFor(0).state, 'delivered');
  assert.deepEqual(delivery(s).map((d) => d.state), ['sent', 'delivered']);
  assert.deepEqual(s.fake.deliveries.map((d) => d.status), [204, 204]);
});

test('a repeated event id is answered 200 and applied once; a repeat under a new id or a second part logs nothing new', async (t) => {
  const s = await setup(t);
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  const id = s.rowFor(0).message_id;
  const applied = s.nextApplied();
  assert.equal((await s.post(s.envelope('e1', 'sms:delivered', id))).status, 204);
  await applied;
  assert.equal((await s.post(s.envelope('e1', 'sms:delivered', id))).status, 200);
  const again = s.nextApplied();
  assert.equal((await s.post(s.envelope('e2', 'sms:delivered', id))).status, 204);
  await again;
  assert.equal(delivery(s).length, 1);
  assert.equal(s.rowFor(0).state, 'delivered');
});

test('states only move forward: a late sms:sent after delivered changes nothing', async (t) => {
  const s = await setup(t);
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  const id = s.rowFor(0).message_id;
  let applied = s.nextApplied();
  await s.post(s.envelope('e1', 'sms:delivered', id));
  await applied;
  applied = s.nextApplied();
  await s.post(s.envelope('e2', 'sms:sent', id));
  await applied;
  assert.equal(s.rowFor(0).state, 'delivered');
});

test('a failure report ends the text failed with the reason; an invalid number is flagged for the office', async (t) => {
  const s = await setup(t);
  await registerGatewayWebhooks({ url: s.fake.url, username: 'sms', password: 'pw', webhookUrl: s.url, timeoutMs: 2_000, log: silentLogger });
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  const applied = s.nextApplied();
  await s.fake.report(s.rowFor(0).message_id, 'sms:failed', { reason: 'sendSMS: Invalid phone number' });
  await applied;
  assert.equal(s.rowFor(0).state, 'failed');
  assert.equal(s.rowFor(0).last_error, 'sendSMS: Invalid phone number');
  const flag = s.db.prepare('SELECT reason FROM guardian_phone_flags WHERE phone_e164 = ?').get('+447400123456') as { reason: string };
  assert.equal(flag.reason, 'sendSMS: Invalid phone number');
});

test('forged, stale, unsigned, malformed, oversized and misdirected requests are refused with the right status', async (t) => {
  const s = await setup(t, { maxBodyBytes: 4096 });
  const body = s.envelope('e1', 'sms:delivered', 'rc-x');
  const ts = String(Math.floor(s.clock.now().getTime() / 1000));
  const status = async (p: Promise<Response>) => (await p).status;
  assert.equal(await status(s.post(body, { 'x-signature': '0'.repeat(64) })), 401);
  assert.equal(await status(s.post(body, {}, String(Number(ts) - 301))), 401);
  assert.equal(await status(s.post(body, {}, String(Number(ts) + 301))), 401);
  assert.equal(await status(fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })), 400);
  assert.equal(await status(s.post('{"id": "e1", ')), 400);
  assert.equal(await status(s.post('{"id":"e1"}')), 422);
  assert.equal(await status(s.post(body, { 'content-type': 'text/plain' })), 415);
  assert.equal(await status(s.post(JSON.stringify({ pad: 'x'.repeat(5000) }))), 413);
  assert.equal(await status(fetch(s.url)), 405);
  assert.equal(await status(fetch(s.url.replace('sms-webhook', 'other'), { method: 'POST' })), 404);
  assert.equal(s.db.prepare('SELECT COUNT(*) AS n FROM sms_webhook_events').pluck().get(), 0);
  const health = await fetch(s.url + '/health');
  assert.deepEqual(await health.json(), { status: 'healthy', service: 'sms-webhook', port: s.service.port() });
});

test('events the kiosk does not use (an incoming SMS, a ping) are acknowledged and not stored', async (t) => {
  const s = await setup(t);
  assert.equal((await s.post(JSON.stringify({ id: 'p1', event: 'system:ping', payload: { health: {} } }))).status, 200);
  assert.equal(s.db.prepare('SELECT COUNT(*) AS n FROM sms_webhook_events').pluck().get(), 0);
});

test('a Twilio status callback, signed for the configured URL, updates the text by its SID', async (t) => {
  const s = await setup(t);
  s.enqueue(0);
  s.db.prepare(`UPDATE sms_outbox SET state = 'accepted', provider_message_id = 'SM0123'`).run();
  const form = (status: string, extra: Record<string, string> = {}) => {
    const params = { MessageSid: 'SM0123', MessageStatus: status, AccountSid: 'AC1', From: '+447700900000', To: '+447400123456', ApiVersion: '2010-04-01', ...extra };
    const body = new URLSearchParams(params).toString();
    return { body, signature: twilioSignature(TWILIO_TOKEN, CALLBACK, Object.entries(params)) };
  };
  const send = (f: { body: string; signature: string }) =>
    fetch(s.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': f.signature }, body: f.body });
  const forged = form('delivered');
  assert.equal((await send({ ...forged, signature: 'AAAA' + forged.signature.slice(4) })).status, 401);
  const applied = s.nextApplied();
  assert.equal((await send(form('undelivered', { ErrorCode: '30006' }))).status, 204);
  await applied;
  assert.equal(s.rowFor(0).state, 'failed');
  assert.equal(s.rowFor(0).last_error, 'Twilio undelivered, error 30006');
  assert.ok(s.db.prepare('SELECT 1 FROM guardian_phone_flags WHERE phone_e164 = ?').get('+447400123456'));
  assert.equal((await send(form('undelivered', { ErrorCode: '30006' }))).status, 200);
});

test('reports arriving together are each answered only once stored for good, then all applied, each once', async (t) => {
  const s = await setup(t);
  for (const n of [0, 1, 2]) s.enqueue(n);
  s.db.prepare(`UPDATE sms_outbox SET state = 'accepted'`).run();
  // Another connection sees only what is committed: what a restart after a crash would find.
  const reader = new Database(s.db.name, { readonly: true });
  t.after(() => reader.close());
  const storedForGood = reader.prepare('SELECT 1 FROM sms_webhook_events WHERE event_id = ?').pluck();
  const events = [0, 1, 2].flatMap((n) => [
    { id: `sent-${n}`, event: 'sms:sent', messageId: s.rowFor(n).message_id },
    { id: `delivered-${n}`, event: 'sms:delivered', messageId: s.rowFor(n).message_id },
  ]);
  // Each sender posts twice, as a gateway retrying an answer it lost does.
  const answers = await Promise.all(
    [...events, ...events].map((e) => s.post(s.envelope(e.id, e.event, e.messageId)).then((res) => ({ id: e.id, status: res.status, durable: storedForGood.get(e.id) === 1 }))),
  );
  assert.ok(answers.every((a) => a.durable), 'no answer went out before its report was committed');
  for (const e of events) {
    assert.deepEqual(answers.filter((a) => a.id === e.id).map((a) => a.status).sort(), [200, 204], `${e.id}: stored once, the repeat a duplicate`);
  }
  while (s.db.prepare('SELECT COUNT(*) FROM sms_webhook_events WHERE applied_at IS NULL').pluck().get() !== 0) await s.nextApplied();
  assert.deepEqual([0, 1, 2].map((n) => s.rowFor(n).state), ['delivered', 'delivered', 'delivered']);
  assert.equal(delivery(s).length, 6);
  assert.deepEqual(s.service.counters, { accepted: 6, duplicates: 6, rejected: {} });
});

test('a report stored just before the kiosk stopped is applied when it starts again', async (t) => {
  const s = await setup(t);
  s.enqueue(0);
  await s.dispatcher.drainOnce();
  const read = s.service.reports.readSmsGateEvent(JSON.parse(s.envelope('e9', 'sms:delivered', s.rowFor(0).message_id)));
  assert.equal(read.kind, 'event');
  if (read.kind === 'event') s.service.reports.store(read.event);
  assert.equal(s.rowFor(0).state, 'accepted');
  await s.service.stop();
  await s.service.start();
  assert.equal(s.rowFor(0).state, 'delivered');
});

test('a sender trickling its headers is cut off by the header timeout, and the health route keeps answering', async (t) => {
  const s = await setup(t, { headersTimeoutMs: 300 });
  const port = s.service.port();
  const socket = connect(port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => (answer += d.toString()));
  const closed = new Promise<void>((r) => socket.on('close', () => r()));
  socket.write('POST /sms-webhook HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const trickle = setInterval(() => socket.writable && socket.write('X-A: b\r\n'), 100);
  assert.equal((await fetch(s.url + '/health')).status, 200);
  await closed;
  clearInterval(trickle);
  assert.match(answer, /^HTTP\/1\.1 408/);
});

test('wired as in the app (nobody listening for it), a report is still applied right after the answer', async (t) => {
  const f = openOutboxFixture();
  const service = createSmsWebhookService({
    db: f.db,
    clock: manualClock(schoolMorning),
    log: silentLogger,
    host: '127.0.0.1',
    port: 0,
    secrets: () => ({ signingKey: KEY, twilioAuthToken: '', twilioCallbackUrl: '' }),
  });
  await service.start();
  t.after(() => service.stop());
  f.enqueue(0);
  f.db.prepare(`UPDATE sms_outbox SET state = 'accepted'`).run();
  const body = JSON.stringify({ id: 'e1', event: 'sms:delivered', payload: { messageId: f.rowFor(0).message_id, recipient: '+447400123456' } });
  const ts = String(Math.floor(schoolMorning.getTime() / 1000));
  const res = await fetch(`http://127.0.0.1:${service.port()}/sms-webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': smsGateSignature(KEY, Buffer.from(body), ts) },
    body,
  });
  assert.equal(res.status, 204);
  // The work runs on the server's next turns of the event loop; give it a bounded number of them.
  for (let turn = 0; turn < 1000 && f.rowFor(0).state !== 'delivered'; turn++) await new Promise<void>((r) => setImmediate(r));
  assert.equal(f.rowFor(0).state, 'delivered');
});
