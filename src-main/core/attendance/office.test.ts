import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { openDatabase, type Db } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createAuditLog, verifyAuditLog } from '../audit/audit-log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { createCheckInService } from './checkins.js';
import { createAttendanceOffice } from './office.js';
import type { CallContext } from '../access/authorize.js';
import type { Board } from '../../../src-preload/contract.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { randomBytes } from 'node:crypto';
import { claim, markAccepted } from '../sms/outbox.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const office: CallContext = { session: { token: 't', role: 'office' } };

// Monday 2026-12-07 in London (UTC+0 in December): 06:00, before the morning's check-in opens.
const MONDAY_0600 = '2026-12-07T06:00:00Z';

function setup(opts: { now?: string; joined?: string; school?: Record<string, unknown>; schedule?: Record<string, unknown>; roster?: string } = {}) {
  const config = parseConfig({
    ...defaults,
    school: { ...defaults.school, name: 'Hill School', ...opts.school },
    schedule: { ...defaults.schedule, ...opts.schedule },
  });
  const clock = manualClock(new Date(opts.joined ?? '2026-09-01T08:00:00Z'));
  const db: Db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster(
    opts.roster ??
      'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' +
        '1001,Ana,Silva,7A,Maria Silva,07400 123456,4821\n' +
        '1002,Ben,Okafor,7A,Ada Okafor,07400 222333,1234\n' +
        '1003,Cara,Diaz,7B,Luis Diaz,07400 333444,5555\n' +
        '1004,Dev,Patel,7B,Raj Patel,07400 444555,\n',
    'GB',
  );
  assert.ok(roster.ok);
  // The roster arrived at the start of term, so every later school day counts.
  importRoster(db, roster.students, clock.now());
  clock.set(new Date(opts.now ?? MONDAY_0600));
  const audit = createAuditLog(db, clock);
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const h = createAttendanceOffice({ db, config: () => config, clock, audit, checkIns });
  const idOf = (n: string) => (db.prepare('SELECT id FROM students WHERE student_number = ?').get(n) as { id: number }).id;
  const at = (iso: string) => clock.set(new Date(iso));
  const board = () => {
    const b = h['attendance:board']({}, office);
    assert.equal(b.unchanged, false);
    return b as Board;
  };
  const stateOf = (b: Board, n: string) => b.students.find((s) => s.studentNumber === n)!.state;
  const exportCsv = (from: string, to: string, what: 'records' | 'summary' | 'absences' | 'lates' = 'records', filter = {}) =>
    h['attendance:export']({ from, to, what, ...filter }, office).csv;
  return { db, clock, config, h, checkIns, idOf, at, board, stateOf, exportCsv };
}

const count = (db: Db, sql: string, ...args: unknown[]) => (db.prepare(sql).get(...args) as { n: number }).n;

test('the board follows a school morning: not yet arrived, present, late, absent once check-in closes, checked out', () => {
  const { checkIns, at, board, stateOf } = setup();
  let b = board();
  assert.equal(b.session, 'morning');
  assert.equal(b.phase, 'before');
  assert.deepEqual(b.counts, { present: 0, late: 0, not_arrived: 4, absent: 0, checked_out: 0, excused_absent: 0, total: 4 });

  at('2026-12-07T07:05:00Z');
  checkIns.checkInByPin('1001', '4821');
  at('2026-12-07T07:20:00Z');
  checkIns.checkInByPin('1002', '1234');
  b = board();
  assert.deepEqual([stateOf(b, '1001'), stateOf(b, '1002'), stateOf(b, '1003')], ['present', 'late', 'not_arrived']);
  assert.deepEqual(b.counts, { present: 1, late: 1, not_arrived: 2, absent: 0, checked_out: 0, excused_absent: 0, total: 4 });
  assert.deepEqual(b.students.find((s) => s.studentNumber === '1002')!.checkIn, { id: 2, localTime: '07:20', status: 'late', minutesLate: 20, method: 'pin', corrected: false });

  // 07:30 is the last second of check-in; a minute later nobody is "on the way" any more.
  at('2026-12-07T07:31:00Z');
  b = board();
  assert.equal(b.phase, 'after');
  assert.deepEqual(b.counts, { present: 1, late: 1, not_arrived: 0, absent: 2, checked_out: 0, excused_absent: 0, total: 4 });
  assert.deepEqual(b.classes.map((c) => [c.name, c.counts.absent]), [['7A', 0], ['7B', 2]]);

  at('2026-12-07T11:45:00Z');
  checkIns.checkInByPin('1001', '4821');
  b = board();
  assert.equal(stateOf(b, '1001'), 'checked_out');
  assert.equal(b.counts.checked_out, 1);

  // After lunch the board turns to the afternoon, where nobody has arrived yet.
  at('2026-12-07T12:40:00Z');
  b = board();
  assert.equal(b.session, 'afternoon');
  assert.equal(b.counts.not_arrived, 4);
  assert.equal(board().version, b.version);
});

test('the board answers "unchanged" to a poll until something it shows changes', () => {
  const { h, checkIns, at, board } = setup({ now: '2026-12-07T07:00:00Z' });
  const first = board();
  assert.deepEqual(h['attendance:board']({ sinceVersion: first.version }, office), { unchanged: true, version: first.version });
  at('2026-12-07T07:02:00Z');
  checkIns.checkInByPin('1003', '5555');
  const next = h['attendance:board']({ sinceVersion: first.version }, office);
  assert.equal(next.unchanged, false);
  assert.equal((next as Board).counts.present, 1);
  // The clock passing the close of check-in changes the board without any new record.
  at('2026-12-07T07:31:00Z');
  assert.equal(h['attendance:board']({ sinceVersion: (next as Board).version }, office).unchanged, false);
});

test('a manual check-in is recorded with its reason, audited, and texts the guardians like any check-in', () => {
  const { db, h, idOf, at, board } = setup({ now: '2026-12-07T07:55:00Z' });
  const r = h['attendance:check-in-manual']({ studentId: idOf('1004'), kind: 'check_in', session: 'morning', reason: 'Came to the office, kiosk queue' }, office);
  assert.deepEqual(r, { ok: true });
  const row = db.prepare('SELECT a.local_time, a.status, a.minutes_late, a.method, m.reason, m.entered_by FROM attendance a JOIN attendance_manual m ON m.attendance_id = a.id').get();
  assert.deepEqual(row, { local_time: '07:55:00', status: 'late', minutes_late: 55, method: 'manual', reason: 'Came to the office, kiosk queue', entered_by: 'office' });
  const sms = db.prepare('SELECT phone_e164, type, body FROM sms_outbox').all();
  assert.deepEqual(sms, [{ phone_e164: '+447400444555', type: 'late_arrival', body: 'Late arrival: Dev Patel arrived at 07:55, 55 minutes late. - Hill School' }]);
  assert.equal(board().students.find((s) => s.studentNumber === '1004')!.state, 'late');
  const [entry] = createAuditLog(db, { now: () => new Date() }).list();
  assert.equal(entry!.action, 'attendance.manual_check_in');
  assert.equal(entry!.subject, 'student:1004');
  assert.deepEqual(entry!.details, { attendanceId: 1, session: 'morning', time: '07:55:00', reason: 'Came to the office, kiosk queue' });

  at('2026-12-07T08:00:00Z');
  const again = h['attendance:check-in-manual']({ studentId: idOf('1004'), kind: 'check_in', session: 'morning', reason: 'again' }, office);
  assert.deepEqual(again, { ok: false, error: 'Dev Patel is already checked in for the morning at 07:55; correct that record instead' });
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM sms_outbox'), 1);
});

test('a manual entry may be backdated within today but never put in the future, and a sick student can be checked out mid-morning', () => {
  const { db, h, idOf } = setup({ now: '2026-12-07T10:00:00Z' });
  assert.deepEqual(h['attendance:check-in-manual']({ studentId: idOf('1003'), kind: 'check_in', session: 'morning', time: '07:10', reason: 'Kiosk was off' }, office), { ok: true });
  assert.deepEqual(
    h['attendance:check-in-manual']({ studentId: idOf('1003'), kind: 'check_out', session: 'morning', time: '10:30', reason: 'Sick' }, office),
    { ok: false, error: '10:30 has not happened yet today' },
  );
  assert.deepEqual(h['attendance:check-in-manual']({ studentId: idOf('1003'), kind: 'check_out', session: 'morning', reason: 'Sick, collected by dad' }, office), { ok: true });
  const rows = db.prepare('SELECT kind, local_time, status FROM attendance ORDER BY id').all();
  assert.deepEqual(rows, [
    { kind: 'check_in', local_time: '07:10:00', status: 'on_time' },
    { kind: 'check_out', local_time: '10:00:00', status: 'on_time' },
  ]);
});

test('a correction keeps the original row untouched, shows in the board and the export, and is audited', () => {
  const { db, h, checkIns, at, board, exportCsv } = setup({ now: '2026-12-07T07:40:00Z' });
  checkIns.checkInByPin('1001', '4821');
  const original = db.prepare('SELECT * FROM attendance WHERE id = 1').get();
  at('2026-12-07T08:10:00Z');
  const r = h['attendance:correct']({ action: 'amend', attendanceId: 1, time: '07:12', kind: 'check_in', reason: 'Kiosk queue at the gate, arrived on time' }, office);
  assert.deepEqual(r, { ok: true });

  assert.deepEqual(db.prepare('SELECT * FROM attendance WHERE id = 1').get(), original);
  assert.throws(() => db.prepare("UPDATE attendance SET status = 'on_time' WHERE id = 1").run(), /never updated/);
  const ana = board().students.find((s) => s.studentNumber === '1001')!;
  assert.equal(ana.state, 'present');
  assert.deepEqual(ana.checkIn, { id: 1, localTime: '07:12', status: 'on_time', minutesLate: 0, method: 'pin', corrected: true });

  assert.equal(
    exportCsv('2026-12-07', '2026-12-07'),
    'date,time,student_number,name,kind,status,method,class,corrected,note\n' +
      '2026-12-07,07:12:00,1001,Ana Silva,check_in,on_time,pin,7A,yes,"Kiosk queue at the gate, arrived on time"\n',
  );

  const day = h['attendance:student-day']({ studentId: 1, date: '2026-12-07' }, office);
  assert.deepEqual(day.records[0]!.original, { localTime: '07:40', kind: 'check_in', status: 'late', method: 'pin' });
  assert.deepEqual(day.records[0]!.corrections.map((c) => [c.action, c.localTime, c.status, c.reason, c.actor, c.madeAt]), [
    ['amend', '07:12', 'on_time', 'Kiosk queue at the gate, arrived on time', 'office', '2026-12-07 08:10'],
  ]);
  const entry = createAuditLog(db, { now: () => new Date() }).list()[0]!;
  assert.equal(entry.action, 'attendance.correct');
  assert.deepEqual(entry.details, {
    attendanceId: 1,
    date: '2026-12-07',
    session: 'morning',
    from: { voided: false, time: '07:40:00', kind: 'check_in', status: 'late' },
    to: { time: '07:12:00', kind: 'check_in', status: 'on_time' },
    reason: 'Kiosk queue at the gate, arrived on time',
  });
  assert.deepEqual(verifyAuditLog(db), { ok: true, rows: 1 });
});

test('a voided record leaves attendance and the export but stays on file, and can be restored by amending it', () => {
  const { db, h, checkIns, at, board, exportCsv } = setup({ now: '2026-12-07T07:05:00Z' });
  checkIns.checkInByPin('1002', '1234');
  at('2026-12-07T07:45:00Z');
  assert.deepEqual(h['attendance:correct']({ action: 'void', attendanceId: 1, reason: 'Ben was at home, his card was used' }, office), { ok: true });
  assert.equal(board().students.find((s) => s.studentNumber === '1002')!.state, 'absent');
  assert.equal(exportCsv('2026-12-07', '2026-12-07'), 'date,time,student_number,name,kind,status,method,class,corrected,note\n');
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM attendance'), 1);
  assert.deepEqual(h['attendance:correct']({ action: 'void', attendanceId: 1, reason: 'again' }, office), { ok: false, error: 'That record is already voided' });
  const day = h['attendance:student-day']({ studentId: 2, date: '2026-12-07' }, office);
  assert.equal(day.records[0]!.voided, true);

  assert.deepEqual(h['attendance:correct']({ action: 'amend', attendanceId: 1, time: '07:05', kind: 'check_in', reason: 'He was here after all' }, office), { ok: true });
  assert.equal(board().students.find((s) => s.studentNumber === '1002')!.state, 'present');
});

test('checking in by hand a student whose check-in was removed is a new manual record with its own text', () => {
  const { db, h, checkIns, at, idOf, board } = setup({ now: '2026-12-07T07:05:00Z' });
  checkIns.checkInByPin('1002', '1234');
  at('2026-12-07T07:10:00Z');
  h['attendance:correct']({ action: 'void', attendanceId: 1, reason: 'Ben was at home, his card was used' }, office);
  at('2026-12-07T08:20:00Z');
  assert.deepEqual(h['attendance:check-in-manual']({ studentId: idOf('1002'), kind: 'check_in', session: 'morning', reason: 'Arrived with his mum' }, office), { ok: true });
  const ben = board().students.find((s) => s.studentNumber === '1002')!;
  assert.deepEqual([ben.state, ben.checkIn?.localTime, ben.checkIn?.minutesLate, ben.checkIn?.method], ['late', '08:20', 80, 'manual']);
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM attendance'), 2);
  assert.deepEqual(
    db.prepare('SELECT attendance_id AS id, state, type FROM sms_outbox ORDER BY id').all(),
    [{ id: 1, state: 'expired', type: 'check_in' }, { id: 2, state: 'queued', type: 'late_arrival' }],
  );
  // The removed record can no longer be put back: the new one stands in its place.
  assert.deepEqual(h['attendance:correct']({ action: 'amend', attendanceId: 1, time: '07:05', kind: 'check_in', reason: 'He was here after all' }, office), {
    ok: false,
    error: 'Ben already has a check-in for the morning; correct that record instead',
  });
});

test('a student whose wrong check-in the office removed checks in again at the kiosk: a new arrival, texted once', () => {
  const { db, h, checkIns, at, board } = setup({ now: '2026-12-07T07:05:00Z' });
  checkIns.checkInByPin('1002', '1234');
  const texts = () => db.prepare('SELECT attendance_id AS attendanceId, type, state, last_error AS lastError FROM sms_outbox ORDER BY id').all();
  assert.deepEqual(texts(), [{ attendanceId: 1, type: 'check_in', state: 'queued', lastError: null }]);

  at('2026-12-07T07:08:00Z');
  assert.deepEqual(h['attendance:correct']({ action: 'void', attendanceId: 1, reason: 'Ben was at home, his card was used' }, office), { ok: true });
  // The removed arrival's text had not gone yet: it is withheld, and says why.
  assert.deepEqual(texts(), [{ attendanceId: 1, type: 'check_in', state: 'expired', lastError: 'not sent: the office removed the attendance record' }]);

  at('2026-12-07T07:20:00Z');
  const again = checkIns.checkInByPin('1002', '1234');
  assert.equal(again.outcome, 'recorded');
  assert.deepEqual(again.outcome === 'recorded' && again.attendance, { kind: 'check_in', status: 'late', localTime: '07:20', session: 'morning', minutesLate: 20 });
  assert.deepEqual(texts(), [
    { attendanceId: 1, type: 'check_in', state: 'expired', lastError: 'not sent: the office removed the attendance record' },
    { attendanceId: 2, type: 'late_arrival', state: 'queued', lastError: null },
  ]);
  const ben = board().students.find((s) => s.studentNumber === '1002')!;
  assert.deepEqual([ben.state, ben.checkIn?.localTime], ['late', '07:20']);

  // The new arrival stands: seen again, Ben is "already checked in" and nobody is texted twice.
  at('2026-12-07T07:21:00Z');
  assert.equal(checkIns.checkInByPin('1002', '1234').outcome, 'already_recorded');
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM sms_outbox'), 2);
  const audit = db.prepare("SELECT details FROM audit_log WHERE action = 'attendance.void'").get() as { details: string };
  assert.equal(JSON.parse(audit.details).textsWithheld, 1);
});

test('a removed record whose text already went to the provider keeps it; the new arrival still gets its own', () => {
  const { db, h, checkIns, at, clock } = setup({ now: '2026-12-07T07:05:00Z' });
  checkIns.checkInByPin('1002', '1234');
  assert.ok(claim(db, 1, clock.now()));
  markAccepted(db, 1, clock.now(), 'gw-1');
  at('2026-12-07T07:08:00Z');
  h['attendance:correct']({ action: 'void', attendanceId: 1, reason: 'Ben was at home, his card was used' }, office);
  at('2026-12-07T07:12:00Z');
  assert.equal(checkIns.checkInByPin('1002', '1234').outcome, 'recorded');
  const rows = db.prepare('SELECT attendance_id AS attendanceId, state, idempotency_key AS k FROM sms_outbox ORDER BY id').all() as Array<{ attendanceId: number; state: string; k: string }>;
  assert.deepEqual(rows.map((r) => [r.attendanceId, r.state]), [[1, 'accepted'], [2, 'queued']]);
  assert.equal(rows[1]!.k, `${rows[0]!.k}#2`);
});

test('a removed check-out lets the student check out again, at the kiosk or by hand, each with its own text', () => {
  const { db, h, checkIns, at, idOf, board } = setup({ now: '2026-12-07T07:05:00Z' });
  checkIns.checkInByPin('1001', '4821');
  at('2026-12-07T11:40:00Z');
  assert.equal(checkIns.checkInByPin('1001', '4821').outcome, 'recorded');
  const checkOutId = () => (db.prepare("SELECT id FROM attendance_effective WHERE kind = 'check_out'").get() as { id: number }).id;
  assert.deepEqual(h['attendance:correct']({ action: 'void', attendanceId: checkOutId(), reason: 'Tapped her card on the way to lunch club' }, office), { ok: true });
  assert.equal(board().students.find((s) => s.studentNumber === '1001')!.state, 'present');

  at('2026-12-07T11:55:00Z');
  const out = checkIns.checkInByPin('1001', '4821');
  assert.deepEqual(out.outcome === 'recorded' && out.attendance, { kind: 'check_out', status: 'on_time', localTime: '11:55', session: 'morning', minutesLate: 0 });
  assert.equal(board().students.find((s) => s.studentNumber === '1001')!.checkOut?.localTime, '11:55');

  assert.deepEqual(h['attendance:correct']({ action: 'void', attendanceId: checkOutId(), reason: 'Still in the building' }, office), { ok: true });
  at('2026-12-07T12:05:00Z');
  assert.deepEqual(h['attendance:check-in-manual']({ studentId: idOf('1001'), kind: 'check_out', session: 'morning', reason: 'Collected by her dad' }, office), { ok: true });
  assert.equal(board().students.find((s) => s.studentNumber === '1001')!.checkOut?.localTime, '12:05');
  const outTexts = db.prepare("SELECT state FROM sms_outbox WHERE type = 'check_out' ORDER BY id").all() as Array<{ state: string }>;
  assert.deepEqual(outTexts.map((t) => t.state), ['expired', 'expired', 'queued']);
});

test('the database itself refuses a second standing record of the same session and kind', () => {
  const { db, checkIns } = setup({ now: '2026-12-07T07:05:00Z' });
  checkIns.checkInByPin('1001', '4821');
  assert.throws(
    () =>
      db.prepare(
        `INSERT INTO attendance (student_id, occurred_at, local_date, local_time, session, kind, status, minutes_late, method, created_at)
         VALUES (1, '2026-12-07T07:06:00Z', '2026-12-07', '07:06:00', 'morning', 'check_in', 'on_time', 0, 'qr', '2026-12-07T07:06:00Z')`,
      ).run(),
    /already has this record/,
  );
});

test('an amendment that would change nothing, clash with another record or lie in the future is refused with a reason', () => {
  const { h, checkIns, at } = setup({ now: '2026-12-07T07:05:00Z' });
  checkIns.checkInByPin('1001', '4821');
  at('2026-12-07T11:40:00Z');
  checkIns.checkInByPin('1001', '4821');
  assert.deepEqual(h['attendance:correct']({ action: 'amend', attendanceId: 1, time: '07:05', kind: 'check_in', reason: 'no change' }, office), {
    ok: false,
    error: 'Nothing changed: the record already says that',
  });
  assert.deepEqual(h['attendance:correct']({ action: 'amend', attendanceId: 1, time: '07:05', kind: 'check_out', reason: 'wrong kind' }, office), {
    ok: false,
    error: 'Ana already has a check-out for the morning; correct that record instead',
  });
  assert.deepEqual(h['attendance:correct']({ action: 'amend', attendanceId: 2, time: '12:10', kind: 'check_out', reason: 'later' }, office), {
    ok: false,
    error: '12:10 on 2026-12-07 has not happened yet',
  });
});

test('an excused absence and an excused late show on the board and in the report, and an excuse can be withdrawn', () => {
  const { h, checkIns, idOf, at, board } = setup({ now: '2026-12-07T06:50:00Z' });
  assert.deepEqual(h['attendance:excuse']({ studentId: idOf('1003'), date: '2026-12-07', sessions: ['morning', 'afternoon'], kind: 'absence', reason: 'Dentist, mum rang' }, office), { ok: true });
  let b = board();
  // Excused ahead of time: off "not yet arrived" at once.
  assert.equal(b.counts.absent, 1);
  assert.equal(b.counts.excused_absent, 1);
  at('2026-12-07T07:25:00Z');
  checkIns.checkInByPin('1001', '4821');
  assert.deepEqual(h['attendance:excuse']({ studentId: idOf('1001'), date: '2026-12-07', sessions: ['morning'], kind: 'late', reason: 'Bus 42 broke down' }, office), { ok: true });
  b = board();
  assert.deepEqual(b.students.find((s) => s.studentNumber === '1001')!.excusedLate, true);

  at('2026-12-07T18:00:00Z');
  const report = h['attendance:report']({ from: '2026-12-07', to: '2026-12-07' }, office);
  // By class, then surname.
  assert.deepEqual(report.rows.map((r) => [r.studentNumber, r.sessions, r.attended, r.late, r.excusedLate, r.absent, r.excusedAbsent]), [
    ['1002', 2, 0, 0, 0, 2, 0],
    ['1001', 2, 1, 1, 1, 1, 0],
    ['1003', 2, 0, 0, 0, 2, 2],
    ['1004', 2, 0, 0, 0, 2, 0],
  ]);
  assert.deepEqual(report.lates.map((l) => [l.studentNumber, l.localTime, l.minutesLate, l.excused, l.reason]), [['1001', '07:25', 25, true, 'Bus 42 broke down']]);

  const excuseId = h['attendance:student-day']({ studentId: idOf('1003'), date: '2026-12-07' }, office).excuses[0]!.id;
  assert.deepEqual(h['attendance:withdraw-excuse']({ excuseId, reason: 'Mum rang the wrong school' }, office), { ok: true });
  assert.deepEqual(h['attendance:withdraw-excuse']({ excuseId, reason: 'twice' }, office), { ok: false, error: 'That excuse does not exist or was already withdrawn' });
  const after = h['attendance:report']({ from: '2026-12-07', to: '2026-12-07', className: '7B' }, office);
  assert.deepEqual(after.rows.map((r) => [r.studentNumber, r.absent, r.excusedAbsent]), [['1003', 2, 1], ['1004', 2, 0]]);
});

test('a report counts school days only, up to now, and lists each absence by date and session', () => {
  const { h, checkIns, at } = setup({ now: '2026-12-04T07:05:00Z' });
  // Friday 4 December: Ana on time, Ben late. The weekend is no school. Monday: only Ana, in the morning.
  checkIns.checkInByPin('1001', '4821');
  at('2026-12-04T07:40:00Z');
  checkIns.checkInByPin('1002', '1234');
  at('2026-12-07T07:05:00Z');
  checkIns.checkInByPin('1001', '4821');
  at('2026-12-07T09:00:00Z');
  const r = h['attendance:report']({ from: '2026-12-04', to: '2026-12-11', className: '7A' }, office);
  // Friday, and Monday's morning (its afternoon has not begun); the rest of the week is still ahead.
  assert.equal(r.schoolDays, 2);
  assert.deepEqual(r.rows.map((x) => [x.name, x.sessions, x.attended, x.late, x.absent]), [
    ['Ben Okafor', 3, 1, 1, 2],
    ['Ana Silva', 3, 2, 0, 1],
  ]);
  assert.deepEqual(r.absences.map((a) => [a.date, a.session, a.name]), [
    ['2026-12-04', 'afternoon', 'Ben Okafor'],
    ['2026-12-04', 'afternoon', 'Ana Silva'],
    ['2026-12-07', 'morning', 'Ben Okafor'],
  ]);

  const history = h['attendance:student-history']({ studentId: 2, from: '2026-12-01', to: '2026-12-07' }, office);
  assert.deepEqual(history.days.map((d) => [d.date, d.weekday, d.sessions.map((s) => s.state).join('/')]), [
    ['2026-12-07', 'monday', 'absent'],
    ['2026-12-04', 'friday', 'late/absent'],
    ['2026-12-03', 'thursday', 'absent/absent'],
    ['2026-12-02', 'wednesday', 'absent/absent'],
    ['2026-12-01', 'tuesday', 'absent/absent'],
  ]);
  assert.equal(history.totals.absent, 8);
});

test('on the DST days the report and the export keep the school-local date and time', () => {
  // A school that opens on Sundays, so the clock changes of Europe/London fall on school days.
  const { h, idOf, at, exportCsv } = setup({
    now: '2026-03-29T06:05:00Z',
    joined: '2026-01-05T08:00:00Z',
    schedule: { schoolDays: ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday'] },
  });
  // 29 March: BST began at 01:00 UTC, so 06:05 UTC is 07:05 on the school's clock.
  assert.deepEqual(h['attendance:check-in-manual']({ studentId: idOf('1001'), kind: 'check_in', session: 'morning', reason: 'Kiosk off for the clock change' }, office), { ok: true });
  // 25 October: GMT again from 01:00 UTC, so 07:20 UTC is 07:20 local and late.
  at('2026-10-25T07:20:00Z');
  assert.deepEqual(h['attendance:check-in-manual']({ studentId: idOf('1001'), kind: 'check_in', session: 'morning', reason: 'Kiosk off for the clock change' }, office), { ok: true });
  const csv = exportCsv('2026-03-29', '2026-10-25').split('\n');
  assert.deepEqual(csv.slice(1, 3), [
    '2026-03-29,07:05:00,1001,Ana Silva,check_in,on_time,manual,7A,,Kiosk off for the clock change',
    '2026-10-25,07:20:00,1001,Ana Silva,check_in,late,manual,7A,,Kiosk off for the clock change',
  ]);
  const history = h['attendance:student-history']({ studentId: idOf('1001'), from: '2026-03-28', to: '2026-03-30' }, office);
  assert.deepEqual(history.days.map((d) => [d.date, d.weekday]), [['2026-03-30', 'monday'], ['2026-03-29', 'sunday']]);
});

test('a school far ahead of UTC reports a morning under its own date, not the UTC one', () => {
  const { h, idOf, at } = setup({ now: '2026-04-05T19:05:00Z', joined: '2026-01-05T08:00:00Z', school: { timezone: 'Pacific/Auckland' } });
  // 19:05 UTC on Sunday 5 April is 07:05 on Monday 6 April in Auckland (NZST, UTC+12, from that morning).
  assert.deepEqual(h['attendance:check-in-manual']({ studentId: idOf('1002'), kind: 'check_in', session: 'morning', reason: 'Signed in at the desk' }, office), { ok: true });
  at('2026-04-06T06:00:00Z');
  const r = h['attendance:report']({ from: '2026-04-05', to: '2026-04-06', className: '7A' }, office);
  assert.equal(r.schoolDays, 1);
  assert.deepEqual(r.rows.find((x) => x.studentNumber === '1002'), { studentId: idOf('1002'), studentNumber: '1002', name: 'Ben Okafor', className: '7A', sessions: 2, attended: 1, late: 0, excusedLate: 0, absent: 1, excusedAbsent: 0 });
});

test('CSV cells that a spreadsheet would run as formulas are written as text', () => {
  const { h, idOf, at, exportCsv } = setup({
    now: '2026-12-07T07:05:00Z',
    roster: 'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' + '2001,=SUM(A1:A9),@Smith,+7C,Mum,07400 555666,\n',
  });
  assert.deepEqual(h['attendance:check-in-manual']({ studentId: idOf('2001'), kind: 'check_in', session: 'morning', reason: '-1 day pass' }, office), { ok: true });
  at('2026-12-07T18:00:00Z');
  const records = exportCsv('2026-12-07', '2026-12-07').split('\n')[1];
  assert.equal(records, `2026-12-07,07:05:00,2001,'=SUM(A1:A9) @Smith,check_in,on_time,manual,'+7C,,'-1 day pass`);
  const absences = exportCsv('2026-12-07', '2026-12-07', 'absences').split('\n');
  assert.deepEqual(absences, ['date,session,student_number,name,class,excused,reason', `2026-12-07,afternoon,2001,'=SUM(A1:A9) @Smith,'+7C,no,`, '']);
});

test('a holiday is no school day: nobody is absent on it, on the board or in a report', () => {
  const { h, at, board } = setup({
    now: '2026-12-21T09:00:00Z',
    schedule: { holidays: [{ from: '2026-12-21', to: '2026-12-23', name: 'Winter break' }] },
  });
  const b = board();
  assert.equal(b.schoolDay, false);
  assert.equal(b.counts.absent, 0);
  at('2026-12-24T18:00:00Z');
  const r = h['attendance:report']({ from: '2026-12-21', to: '2026-12-24' }, office);
  assert.equal(r.schoolDays, 1);
  assert.equal(r.absences.length, 4 * 2);
  assert.ok(r.absences.every((a) => a.date === '2026-12-24'));
  assert.deepEqual(h['attendance:excuse']({ studentId: 1, date: '2026-12-22', sessions: ['morning'], kind: 'absence', reason: 'Away' }, office), { ok: false, error: '2026-12-22 is not a school day' });
});
