// Codes the camera reads: a student card held up is asked about once, a QR code the contract refuses
// is answered at the kiosk and then left alone for a minute instead of being sent on every sighting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createCardScans } from '../../src-renderer/app/card-scans.js';

const times = { sameCardQuietMs: 5_000, refusedForMs: 60_000 };

test('a card held in view is asked about once, and again only after it was out of view a while', () => {
  const cards = createCardScans(times);
  assert.deepEqual([0, 2_000, 4_000, 6_000].map((t) => cards.scanned('1001', t)), ['ask', 'ignore', 'ignore', 'ignore']);
  assert.equal(cards.scanned('1001', 12_000), 'ask');
  assert.equal(cards.scanned('1002', 12_500), 'ask', 'another card is asked about at once');
});

test('a QR code longer than the contract allows is refused once, then ignored for a minute, even if shown again', () => {
  const cards = createCardScans(times);
  const url = `https://example.org/${'x'.repeat(300)}`;
  assert.equal(cards.scanned(url, 0), 'refuse');
  assert.equal(cards.scanned(url, 3_000), 'ignore');
  assert.equal(cards.scanned('1001', 10_000), 'ask');
  assert.equal(cards.scanned(url, 20_000), 'ignore', 'away and back within the minute');
  assert.equal(cards.scanned(url, 61_000), 'refuse');
});

test('after the core could not be asked, the same card asks again at its next sighting', () => {
  const cards = createCardScans(times);
  assert.equal(cards.scanned('1001', 0), 'ask');
  cards.failed();
  assert.equal(cards.scanned('1001', 2_000), 'ask');
});
