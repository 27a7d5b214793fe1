// A parent's subject access request is answered with the student's access export. A guardian the school
// marked "do not contact" (often a safeguarding decision) must not have their phone number handed to
// the other parent in it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { buildAccessExport, WITHHELD_PHONE } from './access-export.js';
import { enqueueSms } from '../sms/outbox.js';
import { tempDir } from '../../test-support/temp-dir.js';

test('the access export does not show the phone number of a guardian marked do not contact', () => {
  const db = openDatabase(join(tempDir(), 'rollcall.db'));
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,guardian2_name,guardian2_phone\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 123456,João Silva,07400 654321\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(db, roster.students, new Date('2026-09-01T08:00:00Z'));
  db.prepare("UPDATE guardians SET do_not_contact = 1 WHERE phone_e164 = '+447400654321'").run();
  const x = buildAccessExport(db, '1001', { school: 'Hill School', now: new Date('2026-12-07T08:00:00Z') });
  assert.doesNotMatch(JSON.stringify(x), /7400 ?654 ?321/);
});

test('texts sent to that guardian before the mark are listed without their number', () => {
  const db = openDatabase(join(tempDir(), 'rollcall.db'));
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,guardian2_name,guardian2_phone\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 123456,João Silva,07400 654321\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(db, roster.students, new Date('2026-09-01T08:00:00Z'));
  const student = (db.prepare("SELECT id FROM students WHERE student_number = '1001'").get() as { id: number }).id;
  for (const phone of ['+447400123456', '+447400654321']) {
    enqueueSms(db, { idempotencyKey: `arrival:${phone}`, type: 'check_in', studentId: student, guardianId: null, attendanceId: null, phoneE164: phone, body: 'Ana arrived', now: new Date('2026-11-02T08:00:00Z'), ttlSeconds: 7200 });
  }
  db.prepare("UPDATE guardians SET do_not_contact = 1 WHERE phone_e164 = '+447400654321'").run();
  const x = buildAccessExport(db, '1001', { school: 'Hill School', now: new Date('2026-12-07T08:00:00Z') });
  assert.deepEqual(x.messages.map((m) => m.to), ['+447400123456', WITHHELD_PHONE]);
});
