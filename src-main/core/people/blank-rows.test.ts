// A spreadsheet saves rows that once held something as ",,,,,": they look empty in Excel and cannot be
// found there to delete. Such rows (and whitespace-only lines) are not students and must not make the
// whole roster fail to import.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoster } from './roster.js';

const HEADER = 'student_number,first_name,last_name,class,guardian_name,guardian_phone\r\n';

test('rows with only empty cells at the end of a spreadsheet export are skipped', () => {
  const r = parseRoster(`${HEADER}1001,Ana,Silva,7A,Maria Silva,07400 123456\r\n,,,,,\r\n,,,,,\r\n`, 'GB');
  assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors));
  assert.deepEqual(r.ok && r.students.map((s) => s.studentNumber), ['1001']);
});

test('a line holding only spaces is skipped', () => {
  const r = parseRoster(`${HEADER}1001,Ana,Silva,7A,Maria Silva,07400 123456\r\n \r\n`, 'GB');
  assert.equal(r.ok, true, JSON.stringify(!r.ok && r.errors));
});
