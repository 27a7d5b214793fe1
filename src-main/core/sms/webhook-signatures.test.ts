import { test } from 'node:test';
import assert from 'node:assert/strict';
import { smsGateSignature, twilioSignature, verifySmsGateSignature, verifyTwilioSignature } from './webhook-signatures.js';

// sms-protocols.md §1.6, worked example: 307 bytes exactly as sent.
const body = Buffer.from(
  '{"id":"Ey6ECgOkVVFjz3CL48B8C","webhookId":"LreFUt-Z3sSq0JufY9uWB","event":"sms:delivered","deviceId":"ffffffffceb0b1db0000018e937c815b","payload":{"deliveredAt":"2026-02-18T02:10:00.000+07:00","messageId":"msg-789","sender":"+1234567890","recipient":"+9998887777","simNumber":1,"phoneNumber":"+9998887777"}}',
  'utf8',
);
const signed = '35fe794f4589329fe65e2b7be420d28cfb3a935ce4f74aafb27037cc5536fa19';
const at = (s: number) => new Date(s * 1000);

test("the gateway's signature matches the documented worked example", () => {
  assert.equal(body.length, 307);
  assert.equal(smsGateSignature('Jx7pQ2mZ', body, '1750000000'), signed);
  assert.equal(verifySmsGateSignature({ key: 'Jx7pQ2mZ', rawBody: body, timestamp: '1750000000', signature: signed, now: at(1750000000) }), 'ok');
});

test('a re-serialised body, another key or a truncated signature is refused', () => {
  const pretty = Buffer.from(JSON.stringify(JSON.parse(body.toString()), null, 1));
  const check = (over: Partial<Parameters<typeof verifySmsGateSignature>[0]>) =>
    verifySmsGateSignature({ key: 'Jx7pQ2mZ', rawBody: body, timestamp: '1750000000', signature: signed, now: at(1750000000), ...over });
  assert.equal(check({ rawBody: pretty }), 'bad-signature');
  assert.equal(check({ key: 'Jx7pQ2mz' }), 'bad-signature');
  assert.equal(check({ signature: signed.slice(0, 40) }), 'bad-signature');
  assert.equal(check({ timestamp: '1750000001' }), 'bad-signature');
  assert.equal(check({ timestamp: 'soon' }), 'bad-timestamp');
});

test('a correctly signed event more than five minutes from our clock is refused as stale, either way', () => {
  const check = (nowS: number) => verifySmsGateSignature({ key: 'Jx7pQ2mZ', rawBody: body, timestamp: '1750000000', signature: signed, now: at(nowS) });
  assert.equal(check(1750000000 + 300), 'ok');
  assert.equal(check(1750000000 - 300), 'ok');
  assert.equal(check(1750000000 + 301), 'stale');
  assert.equal(check(1750000000 - 301), 'stale');
});

test("Twilio's signature matches its published test vector", () => {
  const params: Array<[string, string]> = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+12349013030'],
    ['Digits', '1234'],
    ['From', '+12349013030'],
    ['To', '+18005551212'],
  ];
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  assert.equal(twilioSignature('12345', url, params), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  assert.ok(verifyTwilioSignature({ authToken: '12345', url, params, signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' }));
  // Parameter order on the wire does not matter; an added parameter or another URL does.
  assert.ok(verifyTwilioSignature({ authToken: '12345', url, params: [...params].reverse(), signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' }));
  assert.ok(!verifyTwilioSignature({ authToken: '12345', url, params: [...params, ['X', '1']], signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' }));
  assert.ok(!verifyTwilioSignature({ authToken: '12345', url: url + '&x', params, signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=' }));
  // Signed with the default port written out: accepted as the SDK does.
  const withPort = twilioSignature('12345', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params);
  assert.ok(verifyTwilioSignature({ authToken: '12345', url, params, signature: withPort }));
});
