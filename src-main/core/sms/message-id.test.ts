import { test } from 'node:test';
import assert from 'node:assert/strict';
import { messageIdFor } from './message-id.js';

test('a resend of the same text carries the same gateway message id', () => {
  assert.equal(messageIdFor('attendance:41:guardian:7'), messageIdFor('attendance:41:guardian:7'));
});

test('texts for different guardians get different gateway message ids', () => {
  assert.notEqual(messageIdFor('attendance:41:guardian:7'), messageIdFor('attendance:41:guardian:8'));
});

test('a gateway message id fits the gateway limit of 36 characters and is safe in a URL', () => {
  for (const key of ['', 'attendance:1:guardian:1', 'x'.repeat(10_000), 'élève:ß:😀']) {
    const id = messageIdFor(key);
    assert.ok(id.length <= 36, id);
    assert.match(id, /^rc-[0-9a-f]{32}$/);
    assert.equal(encodeURIComponent(id), id);
  }
});
