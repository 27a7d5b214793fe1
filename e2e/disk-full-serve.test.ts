// The disk-full drill with the real kiosk process and its real log files. The core drill passes with a
// silent logger; in `npm run serve` the JSON log lives on the same disk, and the first log line that
// needs a new block on a full disk throws ENOSPC out of the log stream and kills the kiosk (then again at
// every restart while the disk stays full). Check-ins must be refused, never the kiosk stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fillDisk, smallTmpfs } from '../src-main/test-support/tmpfs.js';
import { startServe, runScript } from './support/serve-process.js';

/** Fills the volume to the last byte, as a runaway file elsewhere on the disk would. */

test('the serve host keeps running on a full disk: check-ins are refused, the kiosk still answers', { timeout: 120_000 }, async (t) => {
  const fs = smallTmpfs(24 << 20);
  if ('skip' in fs) return t.skip(fs.skip);
  const dataDir = join(fs.dir, 'data');
  mkdirSync(dataDir);
  const roster = join(fs.dir, 'roster.csv');
  const rows = Array.from({ length: 150 }, (_, i) => `K${String(i).padStart(4, '0')},F${i},L${i},7A,G${i},07400 ${300000 + i}`);
  writeFileSync(roster, `student_number,first_name,last_name,class,guardian_name,guardian_phone\n${rows.join('\n')}\n`);
  const imported = await runScript('src-main/cli/import.ts', ['--data-dir', dataDir, '--roster', roster]);
  assert.equal(imported.code, 0, imported.stderr);
  const config = join(fs.dir, 'school.json');
  writeFileSync(config, JSON.stringify({ disk: { ballastMiB: 1 }, webhook: { port: 0 } }));
  const serve = await startServe(['--data-dir', dataDir, '--config', config, '--now', '2026-12-07T07:05:00Z']);
  t.after(() => serve.stop());
  const invoke = (channel: string, body: unknown) =>
    fetch(new URL(`api/invoke/${channel}`, serve.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  fillDisk(join(fs.dir, 'filler'));
  const answers: number[] = [];
  for (let i = 0; i < 150; i++) {
    try {
      answers.push((await invoke('kiosk:check-in-card', { code: `K${String(i).padStart(4, '0')}` })).status);
    } catch {
      answers.push(0);
      break;
    }
  }
  assert.ok(!answers.includes(0), `the kiosk stopped answering after ${answers.indexOf(0)} check-ins on the full disk:\n${serve.stderr().split('\n').filter((l) => /ENOSPC|Error/.test(l)).slice(0, 3).join('\n')}`);
  assert.equal((await invoke('kiosk:status', {})).status, 200);
});
