import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeTwilio, type TwilioBehaviour } from '../../../../e2e/fakes/twilio.js';
import { silentLogger } from '../../log.js';
import { manualClock } from '../../time/clock.js';
import { createSmsDispatcher } from '../dispatcher.js';
import { openOutboxFixture } from '../fixtures.js';
import { createSmsWebhookService } from '../webhook-service.js';
import { createTwilioProvider } from './twilio.js';

const SID = 'AC' + '0123456789abcdef'.repeat(2);
const TOKEN = 'twilio-auth-token-for-tests';
const CALLBACK = 'https://kiosk.hill-school.example/sms-webhook';
const text = { messageId: 'rc-1', phoneE164: '+447400123456', text: 'Ana checked in at 07:52.', ttlSeconds: 7200 };

async function setup(t: TestContext, opts: { behaviour?: TwilioBehaviour; timeoutMs?: number; forwardTo?: () => string } = {}) {
  const fake = await startFakeTwilio({
    accountSid: SID,
    authToken: TOKEN,
    ...(opts.behaviour ? { behaviour: opts.behaviour } : {}),
    ...(opts.forwardTo ? { forwardCallback: opts.forwardTo } : {}),
  });
  t.after(() => fake.close());
  const provider = createTwilioProvider({ accountSid: SID, authToken: TOKEN, from: '+447700900123', statusCallbackUrl: CALLBACK, timeoutMs: opts.timeoutMs ?? 5_000, apiBase: fake.url });
  return { fake, provider };
}

test('a text is created form-encoded with To, From, Body, StatusCallback and a validity period, and keeps its SID', async (t) => {
  const { fake, provider } = await setup(t);
  const r = await provider.send(text);
  assert.equal(r.kind, 'accepted');
  assert.equal(r.kind === 'accepted' && r.providerMessageId, fake.messages[0]!.sid);
  const form = fake.requests[0]!.form;
  assert.equal(fake.requests[0]!.headers['content-type'], 'application/x-www-form-urlencoded');
  assert.deepEqual(Object.fromEntries(form), { To: '+447400123456', Body: text.text, From: '+447700900123', StatusCallback: CALLBACK, ValidityPeriod: '7200' });
});

test("Twilio's bad-number codes are permanent and flag the number; other 400s are permanent only", async (t) => {
  const { provider } = await setup(t);
  for (const [phone, code] of [['+15005550001', 21211], ['+15005550009', 21614], ['+15005550004', 21610]] as const) {
    const r = await provider.send({ ...text, phoneE164: phone });
    assert.equal(r.kind, 'permanent');
    assert.equal(r.kind === 'permanent' && r.badNumber, true, String(code));
    assert.match(r.kind === 'permanent' ? r.reason : '', new RegExp(`error ${code}`));
  }
  const empty = await provider.send({ ...text, text: '' });
  assert.equal(empty.kind === 'permanent' && empty.badNumber, undefined);
});

test('429 with Retry-After is retried after that long; 503 is retried; other 5xx leave the outcome unknown', async (t) => {
  let answer = { status: 429, body: { code: 20429, message: 'Too Many Requests' }, headers: { 'retry-after': '30' } as Record<string, string> };
  const { provider } = await setup(t, { behaviour: (r) => (r.method === 'POST' ? answer : undefined) });
  assert.deepEqual(await provider.send(text), { kind: 'retry', reason: 'Twilio busy or failing (HTTP 429, error 20429)', retryAfterMs: 30_000 });
  answer = { status: 503, body: { code: 20503, message: 'Service unavailable' }, headers: {} };
  assert.equal((await provider.send(text)).kind, 'retry');
  answer = { status: 500, body: { code: 20500, message: 'Internal Server Error' }, headers: {} };
  assert.equal((await provider.send(text)).kind, 'unknown');
});

test('after a create that timed out, the lookup finds the message Twilio made, by number and text', async (t) => {
  const { fake, provider } = await setup(t, { timeoutMs: 1_000, behaviour: (r) => (r.method === 'POST' ? { hang: true } : undefined) });
  const claimedAt = new Date(Date.now() - 1_000);
  assert.equal((await provider.send(text)).kind, 'unknown');
  const found = await provider.lookup!({ messageId: 'rc-1', phoneE164: text.phoneE164, text: text.text, providerMessageId: null, claimedAt });
  assert.deepEqual(found, { kind: 'found', state: 'accepted', providerState: 'queued', providerMessageId: fake.messages[0]!.sid });
  const other = await provider.lookup!({ messageId: 'rc-2', phoneE164: text.phoneE164, text: 'another text', providerMessageId: null, claimedAt });
  assert.deepEqual(other, { kind: 'not_found' });
});

test('through the dispatcher: a lost answer is reconciled, not re-posted, and the callback marks it delivered', async (t) => {
  // Twilio stamps messages with its own (real) clock, which the lookup compares with ours.
  const start = new Date();
  const f = openOutboxFixture(start);
  const clock = manualClock(start);
  let applied!: () => void;
  const appliedOnce = new Promise<void>((r) => (applied = r));
  const service = createSmsWebhookService({
    onApplied: () => applied(),
    db: f.db,
    clock,
    log: silentLogger,
    host: '127.0.0.1',
    port: 0,
    secrets: () => ({ signingKey: '', twilioAuthToken: TOKEN, twilioCallbackUrl: CALLBACK }),
  });
  await service.start();
  t.after(() => service.stop());
  let posts = 0;
  const { fake, provider } = await setup(t, {
    timeoutMs: 1_000,
    behaviour: (r) => (r.method === 'POST' && ++posts === 1 ? { hang: true } : undefined),
    forwardTo: () => `http://127.0.0.1:${service.port()}/sms-webhook`,
  });
  const dispatcher = createSmsDispatcher({ db: f.db, provider, clock, log: silentLogger, monotonic: () => clock.now().getTime(), random: () => 0 });
  f.enqueue(0);
  await dispatcher.drainOnce();
  assert.equal(f.rowFor(0).state, 'queued');
  clock.advance(5_000);
  await dispatcher.drainOnce();
  assert.equal(posts, 1);
  assert.equal(fake.messages.length, 1);
  assert.equal(f.rowFor(0).state, 'accepted');
  const sid = (f.db.prepare('SELECT provider_message_id FROM sms_outbox').pluck().get() as string);
  assert.equal(sid, fake.messages[0]!.sid);
  assert.equal(await fake.advance(sid, 'delivered'), 204);
  await appliedOnce;
  assert.equal(f.rowFor(0).state, 'delivered');
});
