import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeAndroidGateway, type Behaviour } from '../../../../e2e/fakes/android-sms-gateway.js';
import { manualClock } from '../../time/clock.js';
import { createAndroidGatewayLocalProvider } from './android-gateway-local.js';

const now = new Date('2026-12-07T07:52:00Z');
const text = { messageId: 'rc-0123456789abcdef0123456789abcdef', phoneE164: '+447400123456', text: 'Zoë checked in at 07:52.', ttlSeconds: 7200 };

async function setup(t: TestContext, opts: { behaviour?: Behaviour; password?: string; urlSuffix?: string; timeoutMs?: number } = {}) {
  const fake = await startFakeAndroidGateway({ username: 'sms', password: 'Jx7pQ2mZ', behaviour: opts.behaviour });
  t.after(() => fake.close());
  const provider = createAndroidGatewayLocalProvider({
    url: fake.url + (opts.urlSuffix ?? ''),
    username: 'sms',
    password: opts.password ?? 'Jx7pQ2mZ',
    withDeliveryReport: true,
    timeoutMs: opts.timeoutMs ?? 5_000,
    clock: manualClock(now),
  });
  return { fake, provider };
}

test('a text is posted to /messages with Basic auth and the documented JSON body', async (t) => {
  const { fake, provider } = await setup(t);
  const outcome = await provider.send(text);
  assert.deepEqual(outcome, { kind: 'accepted', providerState: 'Pending' });
  const [req] = fake.requests;
  assert.equal(req?.method, 'POST');
  assert.equal(req?.path, '/messages');
  assert.equal(req?.headers.authorization, 'Basic ' + Buffer.from('sms:Jx7pQ2mZ').toString('base64'));
  assert.match(String(req?.headers['content-type']), /^application\/json/);
  assert.deepEqual(JSON.parse(req!.rawBody), {
    id: text.messageId,
    textMessage: { text: text.text },
    phoneNumbers: ['+447400123456'],
    ttl: 7200,
    withDeliveryReport: true,
  });
  assert.equal(fake.received.length, 1);
});

test('a gateway URL written with a trailing slash reaches the same endpoint', async (t) => {
  const { fake, provider } = await setup(t, { urlSuffix: '/' });
  assert.equal((await provider.send(text)).kind, 'accepted');
  assert.equal(fake.requests[0]?.path, '/messages');
});

test('a text the gateway already holds counts as accepted, and the phone keeps one copy', async (t) => {
  const { fake, provider } = await setup(t);
  await provider.send(text);
  assert.deepEqual(await provider.send(text), { kind: 'accepted', providerState: 'Pending', state: 'accepted' });
  assert.equal(fake.received.length, 1);
});

test('a text the gateway finds invalid fails for good, with the gateway reason kept', async (t) => {
  const { provider } = await setup(t);
  assert.deepEqual(await provider.send({ ...text, text: '' }), {
    kind: 'permanent',
    reason: 'gateway refused the message (HTTP 400)',
    detail: 'Text message is empty',
  });
});

test('wrong gateway credentials keep the text queued and tell the operator what to fix', async (t) => {
  const { fake, provider } = await setup(t, { password: 'wrong' });
  const outcome = await provider.send(text);
  assert.equal(outcome.kind, 'retry');
  assert.match(outcome.kind === 'retry' ? outcome.reason : '', /gateway rejected the credentials \(HTTP 401\)/);
  assert.equal(fake.received.length, 0);
});

test('a busy gateway is retried after the seconds in its Retry-After', async (t) => {
  const { provider } = await setup(t, { behaviour: () => ({ status: 503, body: { message: 'queue limit exceeded' }, headers: { 'retry-after': '30' } }) });
  assert.deepEqual(await provider.send(text), { kind: 'retry', reason: 'gateway busy or failing (HTTP 503)', retryAfterMs: 30_000 });
});

test('a rate-limited gateway is retried at the HTTP date in its Retry-After', async (t) => {
  const retryAt = new Date(now.getTime() + 45_000).toUTCString();
  const { provider } = await setup(t, { behaviour: () => ({ status: 429, headers: { 'retry-after': retryAt } }) });
  assert.deepEqual(await provider.send(text), { kind: 'retry', reason: 'gateway busy or failing (HTTP 429)', retryAfterMs: 45_000 });
});

test('a gateway error without Retry-After is retried on the backoff schedule', async (t) => {
  const { provider } = await setup(t, { behaviour: () => ({ status: 500, body: { message: 'failed to handle request' } }) });
  assert.deepEqual(await provider.send(text), { kind: 'retry', reason: 'gateway busy or failing (HTTP 500)' });
});

test('a 202 whose body is not JSON still counts as accepted', async (t) => {
  const { provider } = await setup(t, { behaviour: () => ({ status: 202, body: 'OK' }) });
  assert.deepEqual(await provider.send(text), { kind: 'accepted', providerState: 'unknown' });
});

test('a gateway that does not answer in time leaves the outcome unknown: the phone may hold the text', async (t) => {
  const { fake, provider } = await setup(t, { timeoutMs: 200, behaviour: () => ({ hang: true }) });
  assert.deepEqual(await provider.send(text), { kind: 'unknown', reason: 'gateway did not answer within 200 ms' });
  assert.equal(fake.received.length, 1);
});

test('an unreachable gateway is retried', async (t) => {
  const { fake, provider } = await setup(t);
  await fake.close();
  assert.deepEqual(await provider.send(text), { kind: 'retry', reason: 'could not reach the gateway (ECONNREFUSED)' });
});
