import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SmsProvider } from './provider.js';
import { switchableProvider } from './switchable-provider.js';

test('texts go to the provider the settings name now: a provider change rebuilds it, other changes do not', async () => {
  let which = 'log';
  let builds = 0;
  const make = (): SmsProvider => {
    builds++;
    const name = which;
    return { name, send: async () => ({ kind: 'accepted', providerState: name }) };
  };
  const sw = switchableProvider(make);
  const msg = { messageId: 'm1', phoneE164: '+447400100001', text: 'hi', ttlSeconds: 60 };
  assert.deepEqual(await sw.provider.send(msg), { kind: 'accepted', providerState: 'log' });
  which = 'android-gateway-local';
  sw.settingsChanged([{ key: 'school.name', from: 'A', to: 'B' }]);
  assert.equal(builds, 1);
  sw.settingsChanged([{ key: 'sms.androidGateway.url', from: '', to: 'http://127.0.0.1:9' }]);
  assert.equal(sw.provider.name, 'android-gateway-local');
  assert.deepEqual(await sw.provider.send(msg), { kind: 'accepted', providerState: 'android-gateway-local' });
});
