import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJson, retryAfterMs, transportFailure } from './http-answers.js';

const now = new Date('2026-12-07T07:52:00Z');
const twilio = { subject: 'Twilio', object: 'Twilio' };

test('Retry-After is read as seconds or as an HTTP date, and anything else is no wait at all', () => {
  assert.equal(retryAfterMs('30', now), 30_000);
  assert.equal(retryAfterMs(' 7 ', now), 7_000);
  assert.equal(retryAfterMs('Mon, 07 Dec 2026 07:53:30 GMT', now), 90_000);
  assert.equal(retryAfterMs('Mon, 07 Dec 2026 07:00:00 GMT', now), 0, 'a date in the past means now');
  assert.equal(retryAfterMs('soon', now), undefined);
  assert.equal(retryAfterMs(null, now), undefined);
});

test('a plain-text answer from a proxy is no JSON, not an error', () => {
  assert.deepEqual(parseJson('{"state":"Pending"}'), { state: 'Pending' });
  assert.equal(parseJson('<html>Bad Gateway</html>'), undefined);
});

test('a request that never left may be sent again; one that timed out or broke mid-way must be asked about first', () => {
  const refused = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: { code } });
  for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']) {
    assert.deepEqual(transportFailure(refused(code), 5_000, twilio), { kind: 'retry', reason: `could not reach Twilio (${code})` });
  }
  assert.deepEqual(transportFailure(refused('ECONNRESET'), 5_000, twilio), { kind: 'unknown', reason: 'connection to Twilio failed (ECONNRESET)' });
  const timeout = Object.assign(new Error('timed out'), { name: 'TimeoutError' });
  assert.deepEqual(transportFailure(timeout, 5_000, { subject: 'gateway', object: 'the gateway' }), { kind: 'unknown', reason: 'gateway did not answer within 5000 ms' });
});
