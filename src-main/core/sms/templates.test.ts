import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSchoolDate, formatSchoolTime, renderTemplate } from './templates.js';

test('a template fills every placeholder with the check-in details', () => {
  assert.equal(
    renderTemplate('Good day! Your child {student_name} has checked in at {time}. - {school_name}', {
      student_name: 'Ana Silva',
      time: '07:52',
      school_name: 'Hill School',
    }),
    'Good day! Your child Ana Silva has checked in at 07:52. - Hill School',
  );
});

test('a placeholder may appear twice and unused values are ignored', () => {
  assert.equal(renderTemplate('{a}-{a}', { a: 'x', b: 'y' }), 'x-x');
});

test('a template with a misspelt placeholder is rejected, naming it', () => {
  assert.throws(() => renderTemplate('Hello {student_nmae}', { student_name: 'Ana' }), /\{student_nmae\}.*\{student_name\}/);
});

test('braces that are not placeholders are left as written', () => {
  assert.equal(renderTemplate('{ } {1x} {time', { time: '7' }), '{ } {1x} {time');
});

test('a name typed with a combining accent is sent in its composed form', () => {
  const decomposed = 'Zoe\u0301';
  const text = renderTemplate('{name} arrived', { name: decomposed });
  assert.equal(text, 'Zo\u00e9 arrived');
  assert.equal(text.length, 'Zoé arrived'.length);
});

test('a school using a 24-hour clock sees 07:52', () => {
  assert.equal(formatSchoolTime(new Date('2026-12-07T07:52:00Z'), 'Europe/London', 'en-GB'), '07:52');
});

test('a school using a 12-hour clock sees 7:52 AM with a plain space', () => {
  assert.equal(formatSchoolTime(new Date('2026-12-07T12:52:00Z'), 'America/New_York', 'en-US'), '7:52 AM');
});

test('the time is the school-local time, including summer time', () => {
  // 06:52 UTC is 07:52 in London in September (BST).
  assert.equal(formatSchoolTime(new Date('2026-09-01T06:52:00Z'), 'Europe/London', 'en-GB'), '07:52');
});

test('the date is the school-local calendar date in the school language', () => {
  // 23:30 UTC on 31 Aug is already 1 September in Manila.
  const instant = new Date('2026-08-31T23:30:00Z');
  assert.equal(formatSchoolDate(instant, 'Asia/Manila', 'en-GB'), '1 September 2026');
  assert.equal(formatSchoolDate(instant, 'Asia/Manila', 'en-US'), 'September 1, 2026');
});
