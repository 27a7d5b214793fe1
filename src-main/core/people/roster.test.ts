import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRoster } from './roster.js';

const HEADER = 'student_number,first_name,last_name,class,guardian_name,guardian_phone';

test('a valid roster gives students with E.164 guardian numbers', () => {
  const r = parseRoster(`${HEADER}\n1001,Ana,Silva,7A,Maria Silva,07400 123456\n`, 'GB');
  assert.ok(r.ok);
  assert.deepEqual(r.students, [
    { studentNumber: '1001', firstName: 'Ana', lastName: 'Silva', className: '7A', pin: null, guardians: [{ name: 'Maria Silva', phoneE164: '+447400123456' }] },
  ]);
});

test('more guardians may come as extra column groups or as repeated rows', () => {
  const text = `${HEADER},guardian2_name,guardian2_phone\n1001,Ana,Silva,7A,Maria,07400 123456,João,07400 654321\n1001,Ana,Silva,7A,Avó,07400 111222,,\n`;
  const r = parseRoster(text, 'GB');
  assert.ok(r.ok);
  assert.deepEqual(r.students[0]!.guardians.map((g) => g.name), ['Maria', 'João', 'Avó']);
});

test('every bad row is reported with its line and what is wrong', () => {
  const text = `${HEADER}\n1001,Ana,Silva,7A,Maria,12345\n,Bo,Li,7A,Mei,07400 123457\n1003,Cy,,7B,,\n`;
  const r = parseRoster(text, 'GB');
  assert.ok(!r.ok);
  assert.deepEqual(r.errors.map((e) => e.line), [2, 3, 4]);
  assert.match(r.errors[0]!.message, /guardian_phone '12345' is not a valid phone number for GB/);
  assert.match(r.errors[1]!.message, /student_number/);
  assert.match(r.errors[2]!.message, /last_name is empty.*guardian_name and guardian_phone are empty/);
});

test('a landline is refused because it cannot receive texts', () => {
  const r = parseRoster(`${HEADER}\n1001,Ana,Silva,7A,Maria,020 7946 0123\n`, 'GB');
  assert.ok(!r.ok);
  assert.match(r.errors[0]!.message, /not a mobile number/);
});

test('missing columns are named', () => {
  const r = parseRoster('student_number,first_name\n1,A\n', 'GB');
  assert.ok(!r.ok);
  assert.match(r.errors[0]!.message, /Missing column\(s\): last_name, class, guardian_name, guardian_phone/);
});

test('the same student number with a different name is a conflict, not a silent overwrite', () => {
  const r = parseRoster(`${HEADER}\n1001,Ana,Silva,7A,Maria,07400 123456\n1001,Anna,Silva,7A,João,07400 654321\n`, 'GB');
  assert.ok(!r.ok);
  assert.match(r.errors[0]!.message, /appears on line 2 with a different name/);
});

test('quoted fields, a BOM, CRLF line ends and accented names are read correctly', () => {
  const text = `\uFEFF${HEADER},pin\r\n1001,"Zoë","O""Brien, Jr",7A,"Maria",+44 7400 123456,0420\r\n`;
  const r = parseRoster(text, 'GB');
  assert.ok(r.ok);
  assert.equal(r.students[0]!.firstName, 'Zoë');
  assert.equal(r.students[0]!.lastName, 'O"Brien, Jr');
  assert.equal(r.students[0]!.pin, '0420');
});

test('a pin that is not 4-8 digits is rejected', () => {
  const r = parseRoster(`${HEADER},pin\n1001,Ana,Silva,7A,Maria,07400 123456,12\n`, 'GB');
  assert.ok(!r.ok);
  assert.match(r.errors[0]!.message, /pin must be 4 to 8 digits/);
});

test('a roster saved with semicolons says so instead of only listing every column as missing', () => {
  const r = parseRoster('student_number;first_name;last_name;class;guardian_name;guardian_phone\n1001;Ana;Silva;7A;Maria;07400 100001\n', 'GB');
  assert.equal(r.ok, false);
  assert.match(!r.ok ? r.errors[0]!.message : '', /separated by semicolons; save it as comma-separated CSV/);
});

test("a number in the UK's drama range (07700 900xxx) is refused with a message that says why", () => {
  const r = parseRoster(`${HEADER}\n1001,Ana,Silva,7A,Maria Silva,07700 900123\n`, 'GB');
  assert.equal(r.ok, false);
  assert.match(r.ok ? '' : r.errors[0]!.message, /'07700 900123' is in the UK's range reserved for drama \(07700 900000-900999\)/);
});
