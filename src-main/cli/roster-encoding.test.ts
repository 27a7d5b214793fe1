// Spreadsheets on Windows save "CSV" in Windows-1252 unless told otherwise. Such a roster must not be
// imported with its accents turned into U+FFFD (parents would get texts about "Jos� M�ller"): it is
// either read correctly or refused with a message that says how to save it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { runScript } from '../../e2e/support/serve-process.js';
import { openDatabase } from '../core/db/open.js';
import { parseRoster } from '../core/people/roster.js';
import { tempDir } from '../test-support/temp-dir.js';

const WINDOWS_1252 = Buffer.from(
  'student_number,first_name,last_name,class,guardian_name,guardian_phone\n2001,José,Müller,7A,Renée Müller,07400 555666\n',
  'latin1',
);

test('a Windows-1252 roster imports with its accents intact, or not at all', async () => {
  const dir = tempDir();
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, WINDOWS_1252);
  const r = await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--roster', roster]);
  const db = openDatabase(join(dir, 'rollcall.db'));
  const names = db.prepare('SELECT first_name || \' \' || last_name AS n FROM students').all() as Array<{ n: string }>;
  db.close();
  if (r.code === 0) assert.deepEqual(names, [{ n: 'José Müller' }]);
  else {
    assert.deepEqual(names, []);
    assert.match(r.stderr + r.stdout, /UTF-8|encoding/i);
  }
});

test('the admin screen’s import (text as the browser decodes it) refuses replacement characters', () => {
  // File.text() in the browser decodes as UTF-8 and turns each Windows-1252 accent into U+FFFD.
  const asTheBrowserReadsIt = new TextDecoder('utf-8').decode(WINDOWS_1252);
  const r = parseRoster(asTheBrowserReadsIt, 'GB');
  assert.equal(r.ok, false, `imported ${JSON.stringify(r)}`);
});
