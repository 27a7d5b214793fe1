// Failing tests: a sent-ledger whose last line was torn by a crash mid-append. The next start reads
// past the torn line, but the next append lands on the same line, glued to the fragment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../test-support/temp-dir.js';
import { createSentLedger, type SentRecord } from './sent-ledger.js';

const record = (messageId: string): SentRecord => ({
  messageId,
  state: 'accepted',
  providerMessageId: null,
  at: '2026-12-07T07:00:00.000Z',
  expiresAt: '2026-12-07T09:00:00.000Z',
});

function tornLedger() {
  const file = join(tempDir(), 'sms-sent.jsonl');
  createSentLedger(file).record(record('rc-before-crash'));
  // The power went while the next line was being written.
  appendFileSync(file, '{"messageId":"rc-to');
  return file;
}

test('after a crash tore the ledger\'s last line, a text sent after the restart is still in the ledger at the next start', () => {
  const file = tornLedger();
  createSentLedger(file).record(record('rc-after-restart'));
  const again = createSentLedger(file);
  assert.ok(again.get('rc-after-restart'), 'the text the provider accepted after the restart must be remembered, or a restore sends it twice');
});

test('after a crash tore the ledger\'s last line, the kiosk still starts once two more texts went out', () => {
  const file = tornLedger();
  const ledger = createSentLedger(file);
  ledger.record(record('rc-one'));
  ledger.record(record('rc-two'));
  // createCore builds the ledger at start; a throw here is a kiosk that no longer starts.
  assert.doesNotThrow(() => createSentLedger(file));
  assert.deepEqual(createSentLedger(file).all().map((r) => r.messageId).sort(), ['rc-before-crash', 'rc-one', 'rc-two']);
});

test('a ledger line that is JSON but not a record (a stray `null`) does not stop the kiosk from starting', () => {
  const file = join(tempDir(), 'sms-sent.jsonl');
  createSentLedger(file).record(record('rc-a'));
  appendFileSync(file, 'null\n');
  createSentLedger(file).record(record('rc-b'));
  assert.doesNotThrow(() => createSentLedger(file));
});

test('a ledger on a kiosk that runs for months is rewritten once it grows past its bound, keeping what a restore still needs', () => {
  const file = join(tempDir(), 'sms-sent.jsonl');
  let now = new Date('2026-12-07T08:00:00Z');
  const ledger = createSentLedger(file, { now: () => now, maxLines: 10 });
  for (let i = 0; i < 9; i++) ledger.record(record(`rc-old-${i}`));
  now = new Date('2026-12-20T08:00:00Z');
  ledger.record({ ...record('rc-fresh'), at: now.toISOString(), expiresAt: '2026-12-20T10:00:00.000Z' });
  const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');
  assert.equal(lines.length, 1, 'the nine texts no restore can need any more are gone from the file');
  assert.deepEqual(createSentLedger(file).all().map((r) => r.messageId), ['rc-fresh']);
});

test('bad lines in the ledger are skipped and counted, not fatal', () => {
  const file = join(tempDir(), 'sms-sent.jsonl');
  createSentLedger(file).record(record('rc-a'));
  appendFileSync(file, 'null\n{"messageId":42}\n');
  createSentLedger(file).record(record('rc-b'));
  const warnings: string[] = [];
  const again = createSentLedger(file, { log: { info() {}, warn: (msg) => warnings.push(msg), error() {} } });
  assert.equal(again.skippedLines, 2);
  assert.deepEqual(again.all().map((r) => r.messageId), ['rc-a', 'rc-b']);
  assert.deepEqual(warnings, ['sms sent-ledger lines skipped']);
});
