// Re-importing a roster with a pin column: a PIN the student already has is left alone and not counted
// as set; a PIN in the file that differs (the office changed it on screen) is the file's again, and
// counted, which the README tells the office.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { hashPin, hashPinAsync, verifyPin, verifyPinAsync } from './pin.js';
import { hashRosterPins, importRoster, storedPinsOf } from './roster-import.js';
import { parseRoster } from './roster.js';

const NOW = new Date('2026-09-01T08:00:00Z');
const roster = (pin: string) => {
  const r = parseRoster(`student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n1001,Ana,Silva,7A,Maria Silva,07400 123456,${pin}\n`, 'GB');
  assert.ok(r.ok);
  return r.students;
};
const importFile = async (db: ReturnType<typeof openDatabase>, pin: string) => {
  const students = roster(pin);
  return importRoster(db, students, NOW, await hashRosterPins(students, (p) => hashPinAsync(p), 2, storedPinsOf(db, verifyPinAsync)));
};
const storedHash = (db: ReturnType<typeof openDatabase>) => db.prepare("SELECT pin_hash FROM students WHERE student_number = '1001'").pluck().get() as string;

test('re-importing the same PIN leaves the stored one as it is and says unchanged', async () => {
  const db = openDatabase(join(tempDir(), 'rollcall.db'));
  const first = await importFile(db, '1234');
  assert.deepEqual([first.pinsSet, first.pinsUnchanged], [1, 0]);
  const hash = storedHash(db);
  const again = await importFile(db, '1234');
  assert.deepEqual([again.pinsSet, again.pinsUnchanged], [0, 1]);
  assert.equal(storedHash(db), hash);
  db.close();
});

test('a PIN the office changed on screen is set back to the file\'s by a re-import, and counted as set', async () => {
  const db = openDatabase(join(tempDir(), 'rollcall.db'));
  await importFile(db, '1234');
  db.prepare("UPDATE students SET pin_hash = ? WHERE student_number = '1001'").run(hashPin('5678'));
  const again = await importFile(db, '1234');
  assert.deepEqual([again.pinsSet, again.pinsUnchanged], [1, 0]);
  assert.ok(verifyPin('1234', storedHash(db)));
  // The office's PIN again in the file: unchanged.
  db.prepare("UPDATE students SET pin_hash = ? WHERE student_number = '1001'").run(hashPin('5678'));
  const same = await importFile(db, '5678');
  assert.deepEqual([same.pinsSet, same.pinsUnchanged], [0, 1]);
  db.close();
});
