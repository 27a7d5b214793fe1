import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../test-support/temp-dir.js';
import { fileLogger } from './log.js';

test('the file logger writes one JSON object per line with ISO time, level and message, and redacts names and phones', async () => {
  const dir = tempDir();
  const log = await fileLogger({ dir });
  log.info('core started', { dataDir: '/data', sms: 'log' });
  log.warn('watchdog action', { action: 'reload', phone: '+447400123456', name: 'Ana Silva' });
  log.error('backup failed', { error: 'SQLITE_FULL' });
  await log.close();
  const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
  assert.equal(files.length, 1);
  assert.match(files[0]!, /^rollcall\.\d{4}-\d\d-\d\d\.1\.log$/);
  const lines = readFileSync(join(dir, files[0]!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines.map((l) => [l.level, l.msg]), [['info', 'core started'], ['warn', 'watchdog action'], ['error', 'backup failed']]);
  assert.match(lines[0].time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  assert.equal(lines[0].sms, 'log');
  assert.equal(lines[1].phone, '[redacted]');
  assert.equal(lines[1].name, '[redacted]');
});

test('the file logger rotates by size and keeps only the configured number of old files', async () => {
  const dir = tempDir();
  const log = await fileLogger({ dir, size: '1k', keep: 2 });
  // Lines arrive over turns of the event loop, as in the kiosk; pino-roll rotates between writes.
  for (let i = 0; i < 200; i++) {
    log.info('a line long enough to fill a kilobyte quickly', { i, pad: 'x'.repeat(60) });
    await new Promise((resolve) => setImmediate(resolve));
  }
  await log.close();
  const files = readdirSync(dir).filter((f) => f.endsWith('.log'));
  assert.ok(files.length >= 2 && files.length <= 3, `files: ${files.join(', ')}`);
  const all = files.flatMap((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n').map((l) => JSON.parse(l).i as number));
  assert.ok(all.includes(199), 'the newest line is kept');
});
