import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { runScript, startServe } from '../../e2e/support/serve-process.js';
import { repoRoot } from '../../e2e/support/fixtures.js';
import { openDatabase } from '../core/db/open.js';
import { tempDir } from '../test-support/temp-dir.js';

const HEADER = 'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin';
const ROSTER = `${HEADER}\n1001,Ana,Silva,7A,Maria Silva,07400 123456,4821\n1002,Ben,Okafor,7B,Ada Okafor,07400 222333,\n1002,Ben,Okafor,7B,Obi Okafor,07400 222444,\n`;

test('importing a roster twice creates each student and guardian once', async () => {
  const dir = tempDir();
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, ROSTER);
  const first = await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--roster', roster]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Imported 2 students: 2 new, 0 updated, 0 unchanged; guardians 3 new/);
  const second = await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--roster', roster]);
  assert.match(second.stdout, /Imported 2 students: 0 new, 0 updated, 2 unchanged; guardians 0 new, 0 renamed; links 0 added, 0 removed/);
  const db = openDatabase(join(dir, 'rollcall.db'));
  assert.deepEqual(db.prepare('SELECT COUNT(*) AS s, (SELECT COUNT(*) FROM guardians) AS g, (SELECT COUNT(*) FROM student_guardians) AS l FROM students').get(), { s: 2, g: 3, l: 3 });
  db.close();
});

test('a OneRoster bundle imports its students and guardians, and again without duplicates', async () => {
  const dir = tempDir();
  const bundle = join(repoRoot, 'src-main/core/people/testdata/oneroster');
  const first = await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--oneroster', bundle]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /Imported 2 students: 2 new, 0 updated, 0 unchanged; guardians 3 new/);
  const second = await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--oneroster', bundle]);
  assert.match(second.stdout, /Imported 2 students: 0 new, 0 updated, 2 unchanged; guardians 0 new/);
});

test('a roster with a bad row imports nothing and names the row', async () => {
  const dir = tempDir();
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, `${HEADER}\n1001,Ana,Silva,7A,Maria Silva,07400 123456,\n1002,Ben,Okafor,7B,Ada Okafor,12345,\n`);
  const r = await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--roster', roster]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /nothing was changed/);
  assert.match(r.stderr, /Line 3: guardian_phone '12345' is not a valid phone number for GB/);
  const db = openDatabase(join(dir, 'rollcall.db'));
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM students').get() as { n: number }).n, 0);
  db.close();
});

test('the export prints attendance in school-local date and time with the agreed header', async () => {
  const dir = tempDir();
  const roster = join(dir, 'roster.csv');
  writeFileSync(roster, ROSTER);
  await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--roster', roster]);
  const db = openDatabase(join(dir, 'rollcall.db'));
  const insert = db.prepare(
    `INSERT INTO attendance (student_id, occurred_at, local_date, local_time, session, kind, status, minutes_late, method, created_at)
     VALUES ((SELECT id FROM students WHERE student_number = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  insert.run('1001', '2026-06-01T06:52:00.000Z', '2026-06-01', '07:52:00', 'morning', 'check_in', 'late', 52, 'face', '2026-06-01T06:52:00.000Z');
  insert.run('1002', '2026-06-01T06:05:00.000Z', '2026-06-01', '07:05:00', 'morning', 'check_in', 'on_time', 0, 'qr', '2026-06-01T06:05:00.000Z');
  insert.run('1002', '2026-06-03T15:40:00.000Z', '2026-06-03', '16:40:00', 'afternoon', 'check_out', 'on_time', 0, 'pin', '2026-06-03T15:40:00.000Z');
  db.close();
  const r = await runScript('src-main/cli/export.ts', ['--data-dir', dir, '--from', '2026-06-01', '--to', '2026-06-02']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    'date,time,student_number,name,kind,status,method,class,corrected,note\n' +
      '2026-06-01,07:05:00,1002,Ben Okafor,check_in,on_time,qr,7B,,\n' +
      '2026-06-01,07:52:00,1001,Ana Silva,check_in,late,face,7A,,\n',
  );
});

test('the export prints a corrected record with its corrected values and leaves a voided one out', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'roster.csv'), ROSTER);
  await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--roster', join(dir, 'roster.csv')]);
  const db = openDatabase(join(dir, 'rollcall.db'));
  const insert = db.prepare(
    `INSERT INTO attendance (student_id, occurred_at, local_date, local_time, session, kind, status, minutes_late, method, created_at)
     VALUES ((SELECT id FROM students WHERE student_number = ?), ?, ?, ?, 'morning', 'check_in', ?, ?, 'face', ?)`,
  );
  const ana = Number(insert.run('1001', '2026-06-01T06:52:00.000Z', '2026-06-01', '07:52:00', 'late', 52, '2026-06-01T06:52:00.000Z').lastInsertRowid);
  const ben = Number(insert.run('1002', '2026-06-01T06:05:00.000Z', '2026-06-01', '07:05:00', 'on_time', 0, '2026-06-01T06:05:00.000Z').lastInsertRowid);
  const correct = db.prepare(
    `INSERT INTO attendance_corrections (attendance_id, action, occurred_at, local_time, kind, status, minutes_late, reason, actor, created_at)
     VALUES (?, ?, ?, ?, 'check_in', ?, ?, ?, 'office', '2026-06-01T09:00:00.000Z')`,
  );
  correct.run(ana, 'amend', '2026-06-01T06:10:00.000Z', '07:10:00', 'on_time', 0, 'Queue at the gate');
  correct.run(ben, 'void', '2026-06-01T06:05:00.000Z', '07:05:00', 'on_time', 0, 'Misrecognised');
  db.close();
  const r = await runScript('src-main/cli/export.ts', ['--data-dir', dir, '--from', '2026-06-01', '--to', '2026-06-01']);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(
    r.stdout,
    'date,time,student_number,name,kind,status,method,class,corrected,note\n' +
      '2026-06-01,07:10:00,1001,Ana Silva,check_in,on_time,face,7A,yes,Queue at the gate\n',
  );
});

test('the export refuses dates that are not real', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'roster.csv'), ROSTER);
  await runScript('src-main/cli/import.ts', ['--data-dir', dir, '--roster', join(dir, 'roster.csv')]);
  const r = await runScript('src-main/cli/export.ts', ['--data-dir', dir, '--from', '2026-02-30', '--to', '2026-03-01']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /real dates written YYYY-MM-DD/);
});

test('the kiosk refuses to start with a bad config and names the key', async () => {
  const dir = tempDir();
  const config = join(dir, 'school.json');
  writeFileSync(config, JSON.stringify({ school: { timezone: 'Mars/Olympus' }, schedule: { cooldownMinutes: -1 } }));
  const r = await runScript('src-main/serve.ts', ['--data-dir', dir, '--config', config, '--port', '0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /school\.timezone: must be an IANA time zone/);
  assert.match(r.stderr, /schedule\.cooldownMinutes: cannot be negative/);
});

test('two kiosks on one box each take their own delivery-report port with --webhook-port', async () => {
  // A free port chosen now, as a school would pick one for the second kiosk.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const chosen = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  const first = await startServe(['--data-dir', join(tempDir(), 'a')]);
  const second = await startServe(['--data-dir', join(tempDir(), 'b'), '--webhook-port', String(chosen)]);
  try {
    const a = await first.webhookUrl();
    const b = await second.webhookUrl();
    assert.equal(b, `http://127.0.0.1:${chosen}/sms-webhook`);
    assert.notEqual(a, b);
    for (const url of [a, b]) assert.equal((await fetch(`${url}/health`)).status, 200, url);
  } finally {
    await second.stop();
    await first.stop();
  }
});

test('a --webhook-port that is not a port is refused with the flag named', async () => {
  const r = await runScript('src-main/serve.ts', ['--data-dir', tempDir(), '--webhook-port', 'eighty']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--webhook-port must be 0-65535, got eighty/);
});
