// The log on a full disk: lines are dropped and counted instead of killing the caller, and writing
// resumes with a note of the gap once the disk has room again. Real files on a real small tmpfs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillDisk, smallTmpfs } from '../test-support/tmpfs.js';
import { tempDir } from '../test-support/temp-dir.js';
import { fileLogger } from './log.js';


test('on a full disk the file logger drops and counts lines, then resumes and records the gap when space returns', async (t) => {
  const fs = smallTmpfs(2 << 20);
  if ('skip' in fs) return t.skip(fs.skip);
  const dir = join(fs.dir, 'logs');
  mkdirSync(dir);
  const log = await fileLogger({ dir, resumeFreeBytes: 512 * 1024 });
  log.info('before the disk filled');
  assert.deepEqual(log.fileHealth!(), { droppedLines: 0, failing: false, lastError: null, lastErrorAt: null });

  const filler = join(fs.dir, 'filler');
  fillDisk(filler);
  for (let i = 0; i < 200; i++) log.warn('while the disk is full', { i, pad: 'x'.repeat(100) });
  const full = log.fileHealth!();
  assert.equal(full.failing, true);
  assert.equal(full.lastError, 'ENOSPC');
  assert.ok(full.droppedLines > 100, `dropped ${full.droppedLines}`);

  rmSync(filler);
  log.info('after space returned');
  assert.equal(log.fileHealth!().failing, false);
  assert.equal(log.fileHealth!().droppedLines, full.droppedLines, 'the running total stays for metrics');
  await log.close();

  const [file] = readdirSync(dir).filter((f) => f.endsWith('.log'));
  const lines = readFileSync(join(dir, file!), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const msgs = lines.map((l) => l.msg as string);
  assert.equal(msgs[0], 'before the disk filled');
  assert.equal(msgs.at(-1), 'after space returned');
  const gap = lines.find((l) => l.msg === 'log lines dropped while the log could not be written');
  assert.equal(gap?.error, 'ENOSPC');
  assert.equal(gap.dropped + lines.filter((l) => l.msg === 'while the disk is full').length, 200);
});

test('closing the file logger while the disk is full does not hang', async (t) => {
  const fs = smallTmpfs(1 << 20);
  if ('skip' in fs) return t.skip(fs.skip);
  const log = await fileLogger({ dir: join(fs.dir, 'logs') });
  fillDisk(join(fs.dir, 'filler'));
  for (let i = 0; i < 50; i++) log.error('disk full', { i, pad: 'y'.repeat(200) });
  assert.equal(log.fileHealth!().failing, true);
  await log.close();
});

test('a log folder that cannot be opened leaves the kiosk logging to stderr, and health says the file is failing', async () => {
  const notADir = join(tempDir(), 'logs');
  writeFileSync(notADir, 'a file where the log folder should be');
  const log = await fileLogger({ dir: join(notADir, 'inner') });
  log.info('still logs');
  assert.equal(log.fileHealth!().failing, true);
  assert.match(String(log.fileHealth!().lastError), /^E/);
  await log.close();
});
