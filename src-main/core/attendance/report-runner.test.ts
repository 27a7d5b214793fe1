// Reports in a worker thread, on their own read-only connection: the office gets exactly what the
// in-thread handlers compute, for the report and every export, and a worker that fails says why.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase, type Db } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createAuditLog } from '../audit/audit-log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { tempDir } from '../../test-support/temp-dir.js';
import type { CallContext } from '../access/authorize.js';
import { createCheckInService } from './checkins.js';
import { createAttendanceOffice, offThreadReports } from './office.js';
import { createReportRunner } from './report-runner.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const office: CallContext = { session: { token: 't', role: 'office' } };

function school() {
  const config = parseConfig({ ...defaults, school: { ...defaults.school, name: 'Hill School' } });
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  const dbFile = join(tempDir(), 'rollcall.db');
  const db: Db = openDatabase(dbFile, { now: () => clock.now() });
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 123456,4821\n' +
      '1002,Ben,Okafor,7A,Ada Okafor,07400 222333,1234\n' +
      '1003,Cara,Diaz,7B,Luis Diaz,07400 333444,5555\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const inThread = createAttendanceOffice({ db, config: () => config, clock, audit: createAuditLog(db, clock), checkIns });
  // A week of mornings: Ana on time, Ben late on Tuesday, Cara away on Wednesday.
  for (const day of ['07', '08', '09', '10', '11']) {
    clock.set(new Date(`2026-12-${day}T07:05:00Z`));
    checkIns.checkInByPin('1001', '4821');
    if (day !== '09') checkIns.checkInByPin('1003', '5555');
    clock.set(new Date(`2026-12-${day}T07:${day === '08' ? '40' : '10'}:00Z`));
    checkIns.checkInByPin('1002', '1234');
    clock.set(new Date(`2026-12-${day}T11:45:00Z`));
    checkIns.checkInByPin('1001', '4821');
  }
  clock.set(new Date('2026-12-14T09:00:00Z'));
  const offThread = offThreadReports(createReportRunner({ dbFile, config: () => config, clock }));
  return { db, inThread, offThread, dbFile, config, clock };
}

test('a report run in the worker thread is the report the office would get in-thread, and so is every export', async () => {
  const { inThread, offThread } = school();
  const range = { from: '2026-12-01', to: '2026-12-11' };
  const report = await offThread['attendance:report'](range);
  assert.deepEqual(report, inThread['attendance:report'](range, office));
  assert.equal(report.schoolDays, 9);
  assert.deepEqual(report.lates.map((l) => [l.studentNumber, l.date]), [['1002', '2026-12-08']]);
  for (const what of ['records', 'summary', 'absences', 'lates'] as const) {
    const exported = await offThread['attendance:export']({ ...range, what, className: '7A' });
    assert.deepEqual(exported, inThread['attendance:export']({ ...range, what, className: '7A' }, office));
  }
  const records = await offThread['attendance:export']({ ...range, what: 'records' });
  assert.equal(records.filename, 'attendance-records-all-2026-12-01-to-2026-12-11.csv');
  assert.equal(records.csv.trim().split('\n').length, 1 + 5 + 4 + 5 + 5);
});

test('reports asked for together are answered one after the other, each its own', async () => {
  const { offThread } = school();
  const [a, b, c] = await Promise.all([
    offThread['attendance:report']({ from: '2026-12-07', to: '2026-12-07' }),
    offThread['attendance:report']({ from: '2026-12-01', to: '2026-12-11', className: '7B' }),
    offThread['attendance:export']({ from: '2026-12-09', to: '2026-12-09', what: 'absences' }),
  ]);
  assert.equal(a.schoolDays, 1);
  // Nine school days of two sessions; Cara came to four mornings.
  assert.deepEqual(b.rows.map((r) => [r.studentNumber, r.sessions, r.absent]), [['1003', 18, 14]]);
  assert.match(c.csv, /^date,session,student_number,name,class,excused,reason\n2026-12-09,morning,1003,Cara Diaz,7B,no,\n/);
});

test('a report worker that cannot open the database rejects with the reason, and the next report still runs', async () => {
  const { config, clock, dbFile } = school();
  const broken = offThreadReports(createReportRunner({ dbFile: join(tempDir(), 'missing.db'), config: () => config, clock }));
  await assert.rejects(broken['attendance:report']({ from: '2026-12-07', to: '2026-12-07' }), /unable to open database file|does not exist/);
  const working = offThreadReports(createReportRunner({ dbFile, config: () => config, clock }));
  assert.equal((await working['attendance:report']({ from: '2026-12-07', to: '2026-12-07' })).schoolDays, 1);
});
