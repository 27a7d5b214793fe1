import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeAndroidGateway } from '../../../../e2e/fakes/android-sms-gateway.js';
import { createAndroidGatewayCloudProvider } from './android-gateway-local.js';

const text = { messageId: 'rc-1', phoneE164: '+447400123456', text: 'Ana checked in at 07:52.', ttlSeconds: 3 };

async function setup(t: TestContext, maxPending?: number) {
  const fake = await startFakeAndroidGateway({ username: 'U1', password: 'P1', mode: 'cloud', ...(maxPending ? { maxPending } : {}) });
  t.after(() => fake.close());
  const provider = createAndroidGatewayCloudProvider({
    url: `${fake.url}/3rdparty/v1/`,
    username: 'U1',
    password: 'P1',
    withDeliveryReport: true,
    timeoutMs: 5_000,
    simNumber: 2,
    deviceId: 'yVULogr4Y1ksRfnos1Dsw',
  });
  return { fake, provider };
}

test('cloud mode posts to /3rdparty/v1/messages with the pinned phone, the SIM slot and at least a 5 s TTL', async (t) => {
  const { fake, provider } = await setup(t);
  assert.equal(provider.name, 'android-gateway-cloud');
  assert.equal((await provider.send(text)).kind, 'accepted');
  assert.equal(fake.requests[0]!.path, '/3rdparty/v1/messages');
  assert.deepEqual(fake.received.map((m) => [m.deviceId, m.simNumber, m.ttl]), [['yVULogr4Y1ksRfnos1Dsw', 2, 5]]);
});

test('the cloud server refuses an invalid number at once: permanent, and the number is flagged', async (t) => {
  const { provider } = await setup(t);
  assert.deepEqual(await provider.send({ ...text, phoneE164: '07400123456' }), {
    kind: 'permanent',
    reason: 'gateway refused the message (HTTP 400)',
    detail: 'failed to use phone in row 1: invalid phone number',
    badNumber: true,
  });
});

test('a full cloud queue (503) is retried later; the text was not queued', async (t) => {
  const { fake, provider } = await setup(t, 1);
  await provider.send(text);
  assert.deepEqual(await provider.send({ ...text, messageId: 'rc-2' }), { kind: 'retry', reason: 'gateway busy or failing (HTTP 503)' });
  assert.equal(fake.received.length, 1);
});

test('the state of a message is asked under the same prefix', async (t) => {
  const { provider } = await setup(t);
  await provider.send(text);
  const lookup = { messageId: 'rc-1', phoneE164: text.phoneE164, text: text.text, providerMessageId: null, claimedAt: null };
  assert.deepEqual(await provider.lookup!(lookup), { kind: 'found', state: 'accepted', providerState: 'Pending' });
  assert.deepEqual(await provider.lookup!({ ...lookup, messageId: 'rc-9' }), { kind: 'not_found' });
});
