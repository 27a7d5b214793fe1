// How the office changes a guardian shared by two families' pages (siblings, or one number typed on
// another child's page), and what the roster import may do to them. See shared-guardians.ts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { enqueueSms } from '../sms/outbox.js';
import { guardianConflicts, importRoster } from './roster-import.js';
import { parseRoster } from './roster.js';
import { guardiansOf, saveStudent } from './student-records.js';
import { MESSAGE_TYPES } from './notify.js';

const HEADER = 'student_number,first_name,last_name,class,guardian_name,guardian_phone\n';
const all = [...MESSAGE_TYPES];

function school(rows = '1001,Ana,Silva,7A,Maria Silva,07400 123456\n1002,Ben,Okafor,7B,Ada Okafor,07400 222333\n') {
  const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster(HEADER + rows, 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now(), (pin) => `test-hash-${pin}`);
  const id = (n: string) => (db.prepare('SELECT id FROM students WHERE student_number = ?').get(n) as { id: number }).id;
  const page = (n: string) => {
    const s = db.prepare('SELECT id, student_number, first_name, last_name, class_name FROM students WHERE student_number = ?').get(n) as {
      id: number; student_number: string; first_name: string; last_name: string; class_name: string;
    };
    return { id: s.id, studentNumber: s.student_number, firstName: s.first_name, lastName: s.last_name, className: s.class_name, pin: '' };
  };
  return { db, clock, id, page };
}

test('another family’s number typed under another name is refused, naming whose number it is, and nothing changes', () => {
  const { db, clock, id, page } = school();
  const r = saveStudent(db, {
    ...page('1001'),
    guardians: [{ name: 'Maria Silva', phone: '07400 123456', doNotContact: false, notify: all }, { name: 'João Silva', phone: '07400 222333', doNotContact: false, notify: all }],
  }, 'GB', clock.now());
  assert.equal(r.ok, false);
  assert.deepEqual(!r.ok && r.errors.map((e) => e.field), ['guardians.1.phone']);
  assert.match(!r.ok ? r.errors[0]!.message : '', /belongs to Ada Okafor, guardian of Ben Okafor \(7B\)/);
  assert.deepEqual(guardiansOf(db, id('1001')).map((g) => g.name), ['Maria Silva']);
  assert.equal(guardiansOf(db, id('1002'))[0]!.name, 'Ada Okafor');
});

test('a guardian added by number on a second child’s page keeps their own do-not-contact and texts, and both pages say they are shared', () => {
  const { db, clock, id, page } = school();
  const ben = page('1002');
  assert.ok(saveStudent(db, { ...ben, guardians: [{ name: 'Ada Okafor', phone: '07400 222333', doNotContact: true, notify: ['absence'] }] }, 'GB', clock.now()).ok);
  const r = saveStudent(db, {
    ...page('1001'),
    guardians: [{ name: 'Maria Silva', phone: '07400 123456', doNotContact: false, notify: all }, { name: 'ada  okafor', phone: '+44 7400 222333', doNotContact: false, notify: all }],
  }, 'GB', clock.now());
  assert.ok(r.ok);
  const onAna = guardiansOf(db, id('1001'))[1]!;
  assert.deepEqual(
    { name: onAna.name, doNotContact: onAna.doNotContact, notify: onAna.notify, alsoGuardianOf: onAna.alsoGuardianOf },
    { name: 'Ada Okafor', doNotContact: true, notify: ['absence'], alsoGuardianOf: ['Ben Okafor (7B)'] },
  );
  assert.deepEqual(guardiansOf(db, id('1002'))[0]!.alsoGuardianOf, ['Ana Silva (7A)']);
});

test('editing a shared guardian on a page they are on changes them for every child, a new number included', () => {
  const { db, clock, id, page } = school('1001,Ana,Silva,7A,Maria Silva,07400 123456\n1003,Rui,Silva,9C,Maria Silva,07400 123456\n');
  const maria = guardiansOf(db, id('1001'))[0]!;
  const rui = id('1003');
  enqueueSms(db, { idempotencyKey: 'rui-arrival', type: 'check_in', studentId: rui, guardianId: maria.id, attendanceId: null, phoneE164: maria.phoneE164, body: 'Rui arrived', now: clock.now(), ttlSeconds: 7200 });
  const r = saveStudent(db, {
    ...page('1001'),
    guardians: [{ guardianId: maria.id, name: 'Maria Costa Silva', phone: '07400 999888', doNotContact: false, notify: all }],
  }, 'GB', clock.now());
  assert.ok(r.ok);
  assert.deepEqual(guardiansOf(db, rui).map((g) => [g.id, g.name, g.phoneE164]), [[maria.id, 'Maria Costa Silva', '+447400999888']]);
  const waiting = db.prepare("SELECT phone_e164, state FROM sms_outbox WHERE idempotency_key = 'rui-arrival'").get();
  assert.deepEqual(waiting, { phone_e164: '+447400999888', state: 'queued' }, 'the text still waiting for Rui goes to the new number');
});

test('a shared guardian’s new number may not be another guardian’s', () => {
  const { db, clock, id, page } = school();
  const maria = guardiansOf(db, id('1001'))[0]!;
  const r = saveStudent(db, { ...page('1001'), guardians: [{ guardianId: maria.id, name: 'Maria Silva', phone: '07400 222333', doNotContact: false, notify: all }] }, 'GB', clock.now());
  assert.deepEqual(!r.ok && r.errors.map((e) => e.message), ['This number belongs to Ada Okafor, guardian of Ben Okafor (7B)']);
});

test('unticking a kind of text withdraws those texts still waiting, visibly', () => {
  const { db, clock, id, page } = school();
  const maria = guardiansOf(db, id('1001'))[0]!;
  for (const type of ['check_in', 'absence'] as const) {
    enqueueSms(db, { idempotencyKey: `ana-${type}`, type, studentId: id('1001'), guardianId: maria.id, attendanceId: null, phoneE164: maria.phoneE164, body: type, now: clock.now(), ttlSeconds: 7200 });
  }
  assert.ok(saveStudent(db, { ...page('1001'), guardians: [{ guardianId: maria.id, name: 'Maria Silva', phone: '07400 123456', doNotContact: false, notify: ['absence'] }] }, 'GB', clock.now()).ok);
  const rows = db.prepare('SELECT type, state, last_error FROM sms_outbox ORDER BY id').all();
  assert.deepEqual(rows, [
    { type: 'check_in', state: 'expired', last_error: 'not sent: the guardian no longer gets this kind of text' },
    { type: 'absence', state: 'queued', last_error: null },
  ]);
});

test('a roster row giving another family’s number under another name is an error of the file; the same name links them', () => {
  const { db, id } = school();
  const slip = parseRoster(`${HEADER}1001,Ana,Silva,7A,João Silva,07400 222333\n`, 'GB');
  assert.ok(slip.ok);
  assert.deepEqual(guardianConflicts(db, slip.students), [
    { studentNumber: '1001', message: 'guardian João Silva: This number belongs to Ada Okafor, guardian of Ben Okafor (7B). Check the number, or give their name as it is' },
  ]);
  assert.throws(() => importRoster(db, slip.students, new Date(), () => 'x'));
  assert.equal(guardiansOf(db, id('1002'))[0]!.name, 'Ada Okafor');

  const shared = parseRoster(`${HEADER}1001,Ana,Silva,7A,Ada Okafor,07400 222333\n`, 'GB');
  assert.ok(shared.ok);
  importRoster(db, shared.students, new Date(), () => 'x');
  assert.deepEqual(guardiansOf(db, id('1001')).map((g) => [g.name, g.alsoGuardianOf]), [['Ada Okafor', ['Ben Okafor (7B)']]]);
});

test('the file renames a guardian through a student already theirs, and may not name one number two ways', () => {
  const { db, id } = school();
  const renamed = parseRoster(`${HEADER}1002,Ben,Okafor,7B,Ada N. Okafor,07400 222333\n`, 'GB');
  assert.ok(renamed.ok);
  importRoster(db, renamed.students, new Date(), () => 'x');
  assert.equal(guardiansOf(db, id('1002'))[0]!.name, 'Ada N. Okafor');

  const twoWays = parseRoster(`${HEADER}2001,Eve,Ng,8A,Li Ng,07400 777888\n2002,Max,Ng,9A,Lee Ng,07400 777888\n`, 'GB');
  assert.ok(twoWays.ok);
  assert.deepEqual(guardianConflicts(db, twoWays.students).map((c) => c.message), ['guardian phone +447400777888 is Lee Ng here but Li Ng for student 2001']);
});

test('a guardian taken off a student’s page gets none of the texts about that student still waiting', () => {
  const { db, clock, id, page } = school('1001,Ana,Silva,7A,Maria Silva,07400 123456\n1003,Rui,Silva,9C,Maria Silva,07400 123456\n');
  const maria = guardiansOf(db, id('1001'))[0]!;
  for (const n of ['1001', '1003']) {
    enqueueSms(db, { idempotencyKey: `arrival-${n}`, type: 'check_in', studentId: id(n), guardianId: maria.id, attendanceId: null, phoneE164: maria.phoneE164, body: n, now: clock.now(), ttlSeconds: 7200 });
  }
  assert.ok(saveStudent(db, { ...page('1001'), guardians: [{ name: 'Paulo Silva', phone: '07400 555444', doNotContact: false, notify: all }] }, 'GB', clock.now()).ok);
  assert.deepEqual(db.prepare('SELECT body, state, last_error FROM sms_outbox ORDER BY id').all(), [
    { body: '1001', state: 'expired', last_error: 'not sent: no longer a guardian of this student' },
    { body: '1003', state: 'queued', last_error: null },
  ]);
});
