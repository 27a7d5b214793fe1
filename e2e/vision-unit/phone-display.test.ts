import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayPhone } from '../../src-renderer/admin/people/phone-display.js';

test('a UK guardian of a UK school reads as 07911 123457, not +447911123457', () => {
  assert.equal(displayPhone('+447911123457', 'GB'), '07911 123457');
});

test('a French guardian of a UK school keeps the country code, spaced', () => {
  assert.equal(displayPhone('+33612345678', 'GB'), '+33 6 12 34 56 78');
});

test('without the school country a number is shown in international format', () => {
  assert.equal(displayPhone('+447911123457', null), '+44 7911 123457');
});
