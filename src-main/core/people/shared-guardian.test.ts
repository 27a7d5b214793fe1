// Guardians are one record per phone number, shared by every student who lists that number. An edit on
// one student's page must not silently change what another family's guardian is called or whether
// they may be contacted: a "do not contact" set for one child (a court order, an estranged parent) is
// cleared today when the office adds the same number to a sibling's page with the box left unticked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createCheckInService } from '../attendance/checkins.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { importRoster } from './roster-import.js';
import { parseRoster } from './roster.js';
import { guardiansOf, saveStudent } from './student-records.js';
import { MESSAGE_TYPES } from './notify.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

function school() {
  const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone\n' +
      '1001,Ana,Silva,7A,Maria Silva,07400 123456\n' +
      '1002,Ben,Okafor,7B,Ada Okafor,07400 222333\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  const id = (n: string) => (db.prepare('SELECT id FROM students WHERE student_number = ?').get(n) as { id: number }).id;
  return { db, clock, id };
}

test('a guardian marked "do not contact" stays so when the office adds their number to another student', () => {
  const { db, clock, id } = school();
  const ben = id('1002');
  // The office marks Ben's father as not to be contacted.
  const benPage = { id: ben, studentNumber: '1002', firstName: 'Ben', lastName: 'Okafor', className: '7B', pin: '' };
  assert.ok(saveStudent(db, { ...benPage, guardians: [{ name: 'Ada Okafor', phone: '07400 222333', doNotContact: true, notify: [...MESSAGE_TYPES] }] }, 'GB', clock.now()).ok);

  // Later, on Ana's page, the same number is typed as a new guardian row (the box unticked, as new rows start).
  const ana = id('1001');
  const r = saveStudent(db, {
    id: ana, studentNumber: '1001', firstName: 'Ana', lastName: 'Silva', className: '7A', pin: '',
    guardians: [
      { name: 'Maria Silva', phone: '07400 123456', doNotContact: false, notify: [...MESSAGE_TYPES] },
      { name: 'Ada Okafor', phone: '07400 222333', doNotContact: false, notify: [...MESSAGE_TYPES] },
    ],
  }, 'GB', clock.now());

  if (r.ok) {
    const config = parseConfig(defaults);
    const kiosk = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
    assert.equal(kiosk.checkInByCard('1002').outcome, 'recorded');
    const texted = db.prepare("SELECT COUNT(*) AS n FROM sms_outbox WHERE phone_e164 = '+447400222333'").get() as { n: number };
    assert.equal(texted.n, 0, 'the guardian Ben’s page says must not be contacted was texted about Ben');
  }
});

test('typing another family’s number on a student’s page does not rename that family’s guardian', () => {
  const { db, clock, id } = school();
  const r = saveStudent(db, {
    id: id('1001'), studentNumber: '1001', firstName: 'Ana', lastName: 'Silva', className: '7A', pin: '',
    // A slip: Ben's mother's number typed for Ana's father.
    guardians: [{ name: 'Maria Silva', phone: '07400 123456', doNotContact: false, notify: [...MESSAGE_TYPES] }, { name: 'João Silva', phone: '07400 222333', doNotContact: false, notify: [...MESSAGE_TYPES] }],
  }, 'GB', clock.now());
  if (r.ok) assert.equal(guardiansOf(db, id('1002'))[0]!.name, 'Ada Okafor', 'Ben’s guardian was renamed by an edit on Ana’s page');
});
