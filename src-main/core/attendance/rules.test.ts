import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { loadConfig, parseConfig } from '../config/load.js';
import { weekdays } from '../config/schema.js';
import { schoolLocalToUtc, toSchoolTime } from '../time/school-time.js';
import {
  currentSession,
  decideAttendance,
  type AttendanceDecision,
  type AttendanceKind,
  type AttendanceRecord,
  type Schedule,
} from './rules.js';

const config = loadConfig({ defaultsPath: fileURLToPath(new URL('../../../config/default.json', import.meta.url)) });
const zone = config.school.timezone;
const MONDAY = '2026-03-02';
const SATURDAY = '2026-03-07';

function record(session: string, kind: AttendanceKind, time: string): AttendanceRecord {
  return { session, kind, occurredAt: schoolLocalToUtc(MONDAY, time, zone) };
}

/** A scan at `time` school-local on `date`, decided as the kiosk would. */
function scan(
  time: string,
  today: AttendanceRecord[] = [],
  { date = MONDAY, schedule = config.schedule }: { date?: string; schedule?: Schedule } = {},
): AttendanceDecision {
  const instant = schoolLocalToUtc(date, time, zone);
  return decideAttendance({ schedule, at: toSchoolTime(instant, zone), instant, today });
}

const checkIn = (session: string, status: 'on_time' | 'late' = 'on_time', minutesLate = 0): AttendanceDecision => ({
  action: 'record',
  session,
  kind: 'check_in',
  status,
  minutesLate,
});
const checkOut = (session: string): AttendanceDecision => ({
  action: 'record',
  session,
  kind: 'check_out',
  status: 'on_time',
  minutesLate: 0,
});
const outsideHours: AttendanceDecision = { action: 'closed', reason: 'outside_hours' };

// The seed kiosk's truth table (seed-system.md 2.3), run against config/default.json.
const truthTable: Array<[time: string, expected: AttendanceDecision]> = [
  ['06:29:59', outsideHours],
  ['06:30', checkIn('morning')],
  ['07:15:00', checkIn('morning')],
  ['07:15:01', checkIn('morning', 'late', 15)],
  ['07:30', checkIn('morning', 'late', 30)],
  ['07:31', checkIn('morning', 'late', 31)],
  ['09:00', checkIn('morning', 'late', 120)],
  ['11:29', checkIn('morning', 'late', 269)],
  ['11:30', checkOut('morning')],
  ['12:30:00', checkOut('morning')],
  ['12:30:01', checkIn('afternoon')],
  ['13:15', checkIn('afternoon')],
  ['13:16', checkIn('afternoon', 'late', 16)],
  ['15:00', checkIn('afternoon', 'late', 120)],
  ['16:30', checkOut('afternoon')],
  ['17:30', checkOut('afternoon')],
  ['17:30:01', outsideHours],
  ['18:00', outsideHours],
];

for (const [time, expected] of truthTable) {
  const says =
    expected.action === 'record'
      ? `${expected.status === 'late' ? 'a late' : 'an on-time'} ${expected.session} ${expected.kind.replace('_', '-')}`
      : 'refused as outside school hours';
  test(`a first scan at ${time} on a school day is ${says}`, () => {
    assert.deepEqual(scan(time), expected);
  });
}

test('a scan on a day that is not a school day is refused, even during session hours', () => {
  assert.deepEqual(scan('07:00', [], { date: SATURDAY }), { action: 'closed', reason: 'not_school_day' });
});

test('a check-out with no check-in before it is still recorded, because the student was in school', () => {
  assert.deepEqual(scan('11:45'), checkOut('morning'));
});

// The seed's per-session duplicate tests (seed-system.md 3), with scans far enough apart that the
// cooldown plays no part.
const morningIn = record('morning', 'check_in', '07:00');
const morningOut = record('morning', 'check_out', '12:00');
const afternoonIn = record('afternoon', 'check_in', '13:00');
const afternoonOut = record('afternoon', 'check_out', '17:00');
/** Already done, pointing at the record that says so; the cooldown may point into another session. */
const already = (existing: AttendanceRecord, session = existing.session): AttendanceDecision => ({
  action: 'already',
  session,
  kind: existing.kind,
  existing,
});

const duplicateTable: Array<[name: string, today: AttendanceRecord[], time: string, expected: AttendanceDecision]> = [
  ['a student with nothing on record today is checked in', [], '07:20', checkIn('morning', 'late', 20)],
  ['a second morning check-in is refused as already done', [morningIn], '07:20', already(morningIn)],
  ['a morning check-in does not block the afternoon check-in', [morningIn], '13:00', checkIn('afternoon')],
  ['a morning check-in does not block the morning check-out', [morningIn], '12:00', checkOut('morning')],
  ['a second morning check-out is refused as already done', [morningIn, morningOut], '12:20', already(morningOut)],
  ['a full morning does not block the afternoon check-in', [morningIn, morningOut], '13:00', checkIn('afternoon')],
  ['a second afternoon check-in is refused as already done', [morningIn, morningOut, afternoonIn], '13:20', already(afternoonIn)],
  // `today` holds one student's records, so another student's day is an empty list.
  ["another student's records do not count against this one", [], '13:20', checkIn('afternoon', 'late', 20)],
];

for (const [name, today, time, expected] of duplicateTable) {
  test(name, () => {
    assert.deepEqual(scan(time, today), expected);
  });
}

test('asking again about a duplicate gives the same answer', () => {
  const first = scan('07:20', [morningIn]);
  assert.deepEqual(scan('07:20', [morningIn]), first);
  assert.deepEqual(first, already(morningIn));
});

test('once all four records exist, every session and kind is already done', () => {
  const all = [morningIn, morningOut, afternoonIn, afternoonOut];
  // Listed in reverse so the match cannot depend on record order.
  const shuffled = [...all].reverse();
  const rows: Array<[time: string, existing: AttendanceRecord]> = [
    ['07:20', morningIn],
    ['12:20', morningOut],
    ['13:20', afternoonIn],
    ['17:20', afternoonOut],
  ];
  for (const [time, existing] of rows) assert.deepEqual(scan(time, shuffled), already(existing), time);
});

// A breakfast club that hands straight over to registration, so a student is due a second check-in
// a minute after the first: the case the cooldown is there for. Parsed so it is a valid config.
const backToBack = parseConfig({
  ...config,
  schedule: {
    ...config.schedule,
    sessions: [
      { name: 'breakfast', start: '06:30', end: '07:00', checkIn: ['06:30', '07:00'], checkOut: ['07:00:30', '07:01'], lateAfterMinutes: 30 },
      { name: 'registration', start: '07:02', end: '08:00', checkIn: ['07:01:01', '07:30'], checkOut: ['07:50', '08:00'], lateAfterMinutes: 15 },
    ],
  },
}).schedule;

// The seed's cooldown pairs (seed-system.md 2.3), cooldown 5 minutes.
const breakfastIn = record('breakfast', 'check_in', '07:00');
const breakfastOut = record('breakfast', 'check_out', '07:01');
const cooldownTable: Array<[name: string, today: AttendanceRecord[], time: string, expected: AttendanceDecision]> = [
  ['a check-in 2 minutes after a check-in is refused by the cooldown', [breakfastIn], '07:02', already(breakfastIn, 'registration')],
  ['a check-in 4 minutes after a check-in is refused by the cooldown', [breakfastIn], '07:04', already(breakfastIn, 'registration')],
  ['a check-in 4:59 after a check-in is refused by the cooldown', [breakfastIn], '07:04:59', already(breakfastIn, 'registration')],
  ['a check-in a full cooldown after a check-in is recorded', [breakfastIn], '07:05', checkIn('registration')],
  ['a check-in a minute after a check-out is recorded, because the kinds differ', [breakfastIn, breakfastOut], '07:02', checkIn('registration')],
];

for (const [name, today, time, expected] of cooldownTable) {
  test(name, () => {
    assert.deepEqual(scan(time, today, { schedule: backToBack }), expected);
  });
}

test('a second morning check-in after the cooldown is still refused by the once-per-session rule', () => {
  assert.deepEqual(scan('07:05', [morningIn]), already(morningIn));
});

// Arrivals computed from UTC instants on the DST days themselves (all Sundays in 2026), at a school
// that opens every day. Reading the UTC clock as local would get each of these wrong.
const everyDay: Schedule = { ...config.schedule, schoolDays: [...weekdays] };
const onTime = checkIn('morning');
const late20 = checkIn('morning', 'late', 20);
const dstTable: Array<[zone: string, utc: string, local: string, expected: AttendanceDecision]> = [
  ['Europe/London', '2026-03-29T06:10:00Z', '07:10', onTime],
  ['Europe/London', '2026-03-29T06:20:00Z', '07:20', late20],
  ['Europe/London', '2026-10-25T07:10:00Z', '07:10', onTime],
  ['Europe/London', '2026-10-25T07:20:00Z', '07:20', late20],
  ['America/New_York', '2026-03-08T11:10:00Z', '07:10', onTime],
  ['America/New_York', '2026-03-08T11:20:00Z', '07:20', late20],
  ['America/New_York', '2026-11-01T12:10:00Z', '07:10', onTime],
  ['America/New_York', '2026-11-01T12:20:00Z', '07:20', late20],
];

for (const [tz, utc, local, expected] of dstTable) {
  test(`on a DST day in ${tz}, an arrival at ${local} local (${utc}) is ${expected === late20 ? '20 minutes late' : 'on time'}`, () => {
    const instant = new Date(utc);
    assert.deepEqual(decideAttendance({ schedule: everyDay, at: toSchoolTime(instant, tz), instant, today: [] }), expected);
  });
}

test('the kiosk status line names the session being served, or none', () => {
  // [date, time, session]
  const rows: Array<[date: string, time: string, session: string | null]> = [
    [MONDAY, '06:29:59', null],
    [MONDAY, '06:30', 'morning'],
    [MONDAY, '12:30', 'morning'],
    [MONDAY, '12:30:01', 'afternoon'],
    [MONDAY, '17:30', 'afternoon'],
    [MONDAY, '17:30:01', null],
    [SATURDAY, '09:00', null],
  ];
  for (const [date, time, session] of rows) {
    const at = toSchoolTime(schoolLocalToUtc(date, time, zone), zone);
    assert.equal(currentSession(config.schedule, at), session, `${date} ${time}`);
  }
});

test('a holiday closes check-in on a school day of the week, whether a single date or a range', () => {
  const schedule: Schedule = parseConfig({ ...config, schedule: { ...config.schedule, holidays: ['2026-03-02', { from: '2026-03-04', to: '2026-03-05', name: 'Half term' }] } }).schedule;
  assert.deepEqual(scan('07:05', [], { date: '2026-03-02', schedule }), { action: 'closed', reason: 'not_school_day' });
  assert.equal(scan('07:05', [], { date: '2026-03-03', schedule }).action, 'record');
  assert.deepEqual(scan('07:05', [], { date: '2026-03-04', schedule }), { action: 'closed', reason: 'not_school_day' });
  assert.deepEqual(scan('07:05', [], { date: '2026-03-05', schedule }), { action: 'closed', reason: 'not_school_day' });
  assert.equal(scan('07:05', [], { date: '2026-03-06', schedule }).action, 'record');
  const instant = schoolLocalToUtc('2026-03-04', '07:05', zone);
  assert.equal(currentSession(schedule, toSchoolTime(instant, zone)), null);
});

test('holidays in the config are checked: a bad date or a backwards range is refused naming the key', () => {
  const bad = (holidays: unknown) => () => parseConfig({ ...config, schedule: { ...config.schedule, holidays } });
  assert.throws(bad(['2026-13-01']), /schedule\.holidays\.0\.from: must be a date YYYY-MM-DD/);
  assert.throws(bad([{ from: '2026-03-05', to: '2026-03-04' }]), /schedule\.holidays\.0\.to: the first day must not be after the last day/);
});
