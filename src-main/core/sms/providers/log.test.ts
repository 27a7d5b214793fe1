import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../test-support/temp-dir.js';
import { manualClock } from '../../time/clock.js';
import { createLogProvider, maskPhone } from './log.js';
import { smsLogFile } from './log-file.js';

test('the log provider writes each text it would send as one JSON line, the number masked, and reports it accepted', async () => {
  const lines: string[] = [];
  const provider = createLogProvider({ write: (line) => lines.push(line) });
  const msg = { messageId: 'rc-1', phoneE164: '+447400123456', text: 'Zoë checked in\nat 07:52.', ttlSeconds: 7200 };
  assert.deepEqual(await provider.send(msg), { kind: 'accepted', providerState: 'logged' });
  assert.equal(lines.length, 1);
  assert.ok(!lines[0]!.includes('\n'));
  assert.deepEqual(JSON.parse(lines[0]!), { ...msg, phoneE164: '+*********456' });
  assert.ok(!lines[0]!.includes('7400123'));
});

test('a phone number is masked to its last three digits', () => {
  assert.equal(maskPhone('+447400123456'), '+*********456');
  assert.equal(maskPhone('+15551234567'), '+********567');
  assert.equal(maskPhone('+12'), '+**');
});

test('sms.log is rotated daily and rotated files older than keepDays are deleted', () => {
  const dir = join(tempDir(), 'logs');
  // Each line carries the kiosk clock's time; the first line's day is the day the file holds.
  const clock = manualClock(new Date('2026-12-01T08:00:00Z'));
  for (let day = 0; day < 10; day++) {
    const write = smsLogFile({ dir, keepDays: 7, now: () => clock.now() });
    write(JSON.stringify({ day }));
    clock.advance(86_400_000);
  }
  const files = readdirSync(dir).sort();
  assert.deepEqual(files, [
    'sms.2026-12-03.log',
    'sms.2026-12-04.log',
    'sms.2026-12-05.log',
    'sms.2026-12-06.log',
    'sms.2026-12-07.log',
    'sms.2026-12-08.log',
    'sms.2026-12-09.log',
    'sms.log',
  ]);
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'sms.log'), 'utf8')), { at: '2026-12-10T08:00:00.000Z', day: 9 });
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'sms.2026-12-05.log'), 'utf8')), { at: '2026-12-05T08:00:00.000Z', day: 4 });
});
