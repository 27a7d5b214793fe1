import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTimeOfDay, schoolDateToUtcRange, schoolLocalToUtc, toSchoolTime } from './school-time.js';

const HOUR = 3_600_000;

test('a UTC instant reads as the school clock shows it, in every field', () => {
  assert.deepEqual(toSchoolTime(new Date('2026-03-02T07:15:01Z'), 'Europe/London'), {
    date: '2026-03-02',
    time: '07:15:01',
    hhmm: '07:15',
    secondsOfDay: 7 * 3600 + 15 * 60 + 1,
    weekday: 'monday',
  });
});

test('midnight reads as 00:00:00 of the new day, never 24:00:00 of the old one', () => {
  for (const [utc, zone] of [
    ['2026-01-05T00:00:00Z', 'Europe/London'],
    ['2026-01-05T05:00:00Z', 'America/New_York'],
    ['2026-01-04T11:00:00Z', 'Pacific/Auckland'],
    ['2026-01-04T18:30:00Z', 'Asia/Kolkata'],
  ] as const) {
    const t = toSchoolTime(new Date(utc), zone);
    assert.deepEqual([t.date, t.time, t.secondsOfDay, t.weekday], ['2026-01-05', '00:00:00', 0, 'monday'], `${zone} ${utc}`);
  }
});

test('the clock jumps forward and back at the DST transitions, and the UTC instant does not', () => {
  // [UTC instant, zone, local date, local time]
  const rows = [
    // Europe/London springs forward at 01:00 UTC on 2026-03-29 and falls back at 01:00 UTC on 2026-10-25.
    ['2026-03-29T00:59:59Z', 'Europe/London', '2026-03-29', '00:59:59'],
    ['2026-03-29T01:00:00Z', 'Europe/London', '2026-03-29', '02:00:00'],
    ['2026-10-25T00:59:59Z', 'Europe/London', '2026-10-25', '01:59:59'],
    ['2026-10-25T01:00:00Z', 'Europe/London', '2026-10-25', '01:00:00'],
    // America/New_York springs forward at 07:00 UTC on 2026-03-08 and falls back at 06:00 UTC on 2026-11-01.
    ['2026-03-08T06:59:59Z', 'America/New_York', '2026-03-08', '01:59:59'],
    ['2026-03-08T07:00:00Z', 'America/New_York', '2026-03-08', '03:00:00'],
    ['2026-11-01T05:59:59Z', 'America/New_York', '2026-11-01', '01:59:59'],
    ['2026-11-01T06:00:00Z', 'America/New_York', '2026-11-01', '01:00:00'],
  ] as const;
  for (const [utc, zone, date, time] of rows) {
    const t = toSchoolTime(new Date(utc), zone);
    assert.deepEqual([t.date, t.time], [date, time], `${zone} ${utc}`);
  }
});

test('the same UTC time of day is a different school time either side of a DST change', () => {
  // [UTC instant, zone, local time]
  const rows = [
    ['2026-03-27T06:20:00Z', 'Europe/London', '06:20:00'],
    ['2026-03-30T06:20:00Z', 'Europe/London', '07:20:00'],
    ['2026-10-23T06:20:00Z', 'Europe/London', '07:20:00'],
    ['2026-10-26T06:20:00Z', 'Europe/London', '06:20:00'],
    ['2026-03-06T12:20:00Z', 'America/New_York', '07:20:00'],
    ['2026-03-09T12:20:00Z', 'America/New_York', '08:20:00'],
    ['2026-10-30T11:20:00Z', 'America/New_York', '07:20:00'],
    ['2026-11-02T11:20:00Z', 'America/New_York', '06:20:00'],
  ] as const;
  for (const [utc, zone, time] of rows) assert.equal(toSchoolTime(new Date(utc), zone).time, time, `${zone} ${utc}`);
});

test('zones far from UTC and with half-hour offsets land on the right date and weekday', () => {
  // [UTC instant, zone, local date, local time, weekday]
  const rows = [
    // Auckland is UTC+13 in its summer (January) and UTC+12 in winter (July).
    ['2026-01-04T18:00:00Z', 'Pacific/Auckland', '2026-01-05', '07:00:00', 'monday'],
    ['2026-07-05T19:00:00Z', 'Pacific/Auckland', '2026-07-06', '07:00:00', 'monday'],
    // Kolkata is UTC+05:30 all year.
    ['2026-03-02T01:45:01Z', 'Asia/Kolkata', '2026-03-02', '07:15:01', 'monday'],
    ['2026-03-01T18:29:59Z', 'Asia/Kolkata', '2026-03-01', '23:59:59', 'sunday'],
  ] as const;
  for (const [utc, zone, date, time, weekday] of rows) {
    const t = toSchoolTime(new Date(utc), zone);
    assert.deepEqual([t.date, t.time, t.weekday], [date, time, weekday], `${zone} ${utc}`);
  }
});

test('a school day is 24 hours, or 23 and 25 hours on the DST days', () => {
  // [zone, date, start, end, hours]
  const rows = [
    ['Europe/London', '2026-03-02', '2026-03-02T00:00:00.000Z', '2026-03-03T00:00:00.000Z', 24],
    ['Europe/London', '2026-03-29', '2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z', 23],
    ['Europe/London', '2026-10-25', '2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z', 25],
    ['America/New_York', '2026-03-08', '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z', 23],
    ['America/New_York', '2026-11-01', '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z', 25],
    ['Pacific/Auckland', '2026-01-05', '2026-01-04T11:00:00.000Z', '2026-01-05T11:00:00.000Z', 24],
    ['Asia/Kolkata', '2026-03-02', '2026-03-01T18:30:00.000Z', '2026-03-02T18:30:00.000Z', 24],
    // Chile springs forward at midnight, so that day starts at 01:00 local, the end of the gap.
    ['America/Santiago', '2026-09-06', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z', 23],
    // The range crosses month and year ends.
    ['Europe/London', '2026-12-31', '2026-12-31T00:00:00.000Z', '2027-01-01T00:00:00.000Z', 24],
  ] as const;
  for (const [zone, date, start, end, hours] of rows) {
    const r = schoolDateToUtcRange(date, zone);
    assert.deepEqual([r.start.toISOString(), r.end.toISOString()], [start, end], `${zone} ${date}`);
    assert.equal((r.end.getTime() - r.start.getTime()) / HOUR, hours, `${zone} ${date}`);
  }
});

test('a school time converts to the UTC instant it names, taking the earlier instant when it happens twice and the end of the gap when it never happens', () => {
  // [zone, date, time, UTC instant]
  const rows = [
    ['Europe/London', '2026-03-02', '07:15', '2026-03-02T07:15:00.000Z'],
    ['Europe/London', '2026-06-01', '07:15:30', '2026-06-01T06:15:30.000Z'],
    // Spring forward: 01:00-01:59:59 does not exist; 02:00 BST (01:00 UTC) is the first instant after.
    ['Europe/London', '2026-03-29', '00:59:59', '2026-03-29T00:59:59.000Z'],
    ['Europe/London', '2026-03-29', '01:00', '2026-03-29T01:00:00.000Z'],
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:00:00.000Z'],
    ['Europe/London', '2026-03-29', '02:00', '2026-03-29T01:00:00.000Z'],
    ['Europe/London', '2026-03-29', '07:20', '2026-03-29T06:20:00.000Z'],
    // Fall back: 01:00-01:59:59 happens first in BST, then in GMT.
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z'],
    ['Europe/London', '2026-10-25', '02:00', '2026-10-25T02:00:00.000Z'],
    ['Europe/London', '2026-10-25', '07:20', '2026-10-25T07:20:00.000Z'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z'],
    ['America/New_York', '2026-03-08', '07:20', '2026-03-08T11:20:00.000Z'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z'],
    ['America/New_York', '2026-11-01', '07:20', '2026-11-01T12:20:00.000Z'],
    ['Pacific/Auckland', '2026-01-05', '07:00', '2026-01-04T18:00:00.000Z'],
    ['Asia/Kolkata', '2026-03-02', '07:15:01', '2026-03-02T01:45:01.000Z'],
  ] as const;
  for (const [zone, date, time, utc] of rows) {
    assert.equal(schoolLocalToUtc(date, time, zone).toISOString(), utc, `${zone} ${date} ${time}`);
  }
});

test('a school time that exists once survives the round trip through UTC', () => {
  for (const zone of ['Europe/London', 'America/New_York', 'Pacific/Auckland', 'Asia/Kolkata']) {
    for (const date of ['2026-03-29', '2026-10-25', '2026-03-08', '2026-11-01', '2026-04-05', '2026-09-27']) {
      for (const time of ['00:00:00', '06:29:59', '07:15:01', '12:30:00', '23:59:59']) {
        const t = toSchoolTime(schoolLocalToUtc(date, time, zone), zone);
        assert.deepEqual([t.date, t.time], [date, time], `${zone} ${date} ${time}`);
      }
    }
  }
});

test('a malformed date is refused with a message naming it', () => {
  for (const date of ['2026-02-30', '2026-3-2', '02/03/2026', '']) {
    assert.throws(() => schoolLocalToUtc(date, '07:00', 'Europe/London'), { message: `"${date}" is not a calendar date YYYY-MM-DD` });
  }
});

test('a time of day reads as seconds since midnight', () => {
  // [text, seconds]
  const rows = [
    ['00:00', 0],
    ['07:30', 27_000],
    ['07:30:15', 27_015],
    ['23:59:59', 86_399],
  ] as const;
  for (const [text, seconds] of rows) assert.equal(parseTimeOfDay(text), seconds, text);
});

test('a time of day that is not HH:MM or HH:MM:SS on a 24-hour clock is refused, not read as midnight', () => {
  for (const text of ['7:30', '24:00', '07:60', '07:30:60', '07:30:00.5', 'noon', '']) {
    assert.throws(() => parseTimeOfDay(text), { message: `"${text}" is not a time of day HH:MM or HH:MM:SS (24-hour)` });
  }
});
