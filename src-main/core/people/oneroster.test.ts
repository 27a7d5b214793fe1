import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseOneRoster, ONEROSTER_FILES } from './oneroster.js';

const bundle = () =>
  Object.fromEntries(ONEROSTER_FILES.map((f) => [f, readFileSync(new URL(`./testdata/oneroster/${f}`, import.meta.url), 'utf8')]));

test('a OneRoster 1.1 bundle gives students with their homeroom and their parents and guardians', () => {
  const r = parseOneRoster(bundle(), 'GB');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.deepEqual(r.students, [
    { studentNumber: '1001', firstName: 'Ana', lastName: 'Silva', className: '7A', pin: null, guardians: [{ name: 'Maria Silva', phoneE164: '+447400123456' }] },
    {
      studentNumber: '1002', firstName: 'Ben', lastName: 'Okafor', className: '7A', pin: null,
      guardians: [{ name: 'Ada Okafor', phoneE164: '+447400222333' }, { name: 'Obi Okafor', phoneE164: '+447400222444' }],
    },
  ]);
});

test('a bundle with a missing file, or a guardian without a mobile number, is refused with file and line', () => {
  const { 'classes.csv': _c, ...noClasses } = bundle();
  const missing = parseOneRoster(noClasses, 'GB');
  assert.deepEqual(!missing.ok && missing.errors, [{ file: 'classes.csv', line: 0, message: 'classes.csv is missing from the bundle' }]);
  const files = bundle();
  files['users.csv'] = files['users.csv']!.replace('07400 123456', '020 7946 0123');
  const landline = parseOneRoster(files, 'GB');
  assert.ok(!landline.ok);
  assert.deepEqual(landline.errors.map((e) => [e.file, e.line]), [['users.csv', 5]]);
  assert.match(landline.errors[0]!.message, /guardian Maria Silva: phone '020 7946 0123' is not a mobile number/);
});

test('a parent without a mobile is left out with a warning when the student has another guardian; the rest imports', () => {
  const files = bundle();
  files['users.csv'] = files['users.csv']!.replace('07400 222444', '');
  const r = parseOneRoster(files, 'GB');
  assert.ok(r.ok, JSON.stringify(!r.ok && r.errors));
  assert.deepEqual(r.students.map((s) => [s.studentNumber, s.guardians.map((g) => g.name)]), [['1001', ['Maria Silva']], ['1002', ['Ada Okafor']]]);
  assert.deepEqual(r.warnings, [
    { file: 'users.csv', line: 7, message: 'guardian Obi Okafor: phone is empty; left out for student 1002, who keeps their other guardians' },
  ]);
});
