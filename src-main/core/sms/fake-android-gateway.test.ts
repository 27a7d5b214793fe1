// The fake gateway other tests rely on must answer as the phone does (sms-protocols.md §1.1-1.4).
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeAndroidGateway } from '../../../e2e/fakes/android-sms-gateway.js';

const auth = 'Basic ' + Buffer.from('sms:Jx7pQ2mZ').toString('base64');

async function start(t: TestContext) {
  const fake = await startFakeAndroidGateway({ username: 'sms', password: 'Jx7pQ2mZ' });
  t.after(() => fake.close());
  const post = (body: unknown, authorization = auth) =>
    fetch(`${fake.url}/messages`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { fake, post };
}

const valid = { id: 'rc-1', textMessage: { text: 'Ana checked in at 08:02.' }, phoneNumbers: ['+15551234567'], ttl: 3600, withDeliveryReport: true };

test('the fake gateway answers a new message with 202 and its Pending state', async (t) => {
  const { post } = await start(t);
  const res = await post(valid);
  assert.equal(res.status, 202);
  const state = (await res.json()) as Record<string, unknown>;
  assert.equal(state.id, 'rc-1');
  assert.equal(state.state, 'Pending');
  assert.equal(state.isHashed, false);
  assert.deepEqual(state.recipients, [{ phoneNumber: '+15551234567', state: 'Pending' }]);
  assert.ok(typeof (state.states as Record<string, string>).Pending === 'string');
});

test('the fake gateway answers a repeated id with 409 and keeps one message', async (t) => {
  const { fake, post } = await start(t);
  await post(valid);
  const res = await post(valid);
  assert.equal(res.status, 409);
  assert.deepEqual(await res.json(), { message: 'message with the same ID already exists' });
  assert.equal(fake.received.length, 1);
});

test('the fake gateway refuses a request without the right Basic credentials', async (t) => {
  const { fake, post } = await start(t);
  assert.equal((await post(valid, 'Basic ' + Buffer.from('sms:nope').toString('base64'))).status, 401);
  assert.equal((await fetch(`${fake.url}/messages/rc-1`)).status, 401);
  assert.equal(fake.received.length, 0);
});

test('the fake gateway validates the body as the app does', async (t) => {
  const { post } = await start(t);
  const cases: Array<[unknown, string]> = [
    [{ ...valid, textMessage: undefined }, 'Must specify exactly one of: textMessage, dataMessage, mmsMessage, or message'],
    [{ ...valid, message: 'legacy' }, 'Cannot specify multiple message types simultaneously'],
    [{ ...valid, textMessage: { text: '' } }, 'Text message is empty'],
    [{ ...valid, phoneNumbers: [] }, 'phoneNumbers is empty'],
    [{ ...valid, phoneNumbers: ['+15551234567', '+15551234567'] }, 'phone numbers must be unique'],
    [{ ...valid, phoneNumbers: Array.from({ length: 101 }, (_, i) => `+1555000${String(i).padStart(4, '0')}`) }, 'phoneNumbers must have at most 100 entries'],
    [{ ...valid, validUntil: '2030-01-01T00:00:00Z' }, 'fields conflict: ttl and validUntil'],
  ];
  for (const [body, message] of cases) {
    const res = await post(body);
    assert.equal(res.status, 400, message);
    assert.deepEqual(await res.json(), { message });
  }
});

test('the fake gateway gives a message without an id one of its own', async (t) => {
  const { fake, post } = await start(t);
  const { id } = (await (await post({ ...valid, id: undefined })).json()) as { id: string };
  assert.match(id, /^[A-Za-z0-9_-]{21}$/);
  assert.equal(fake.received[0]?.id, id);
});

test('the fake gateway reports a held message by id and 404 for an unknown one', async (t) => {
  const { fake, post } = await start(t);
  await post(valid);
  const res = await fetch(`${fake.url}/messages/rc-1`, { headers: { authorization: auth } });
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { state: string }).state, 'Pending');
  assert.equal((await fetch(`${fake.url}/messages/rc-2`, { headers: { authorization: auth } })).status, 404);
});

test('the fake gateway health check needs no credentials', async (t) => {
  const { fake } = await start(t);
  const res = await fetch(`${fake.url}/health`);
  assert.equal(res.status, 200);
  assert.equal(((await res.json()) as { status: string }).status, 'pass');
});
