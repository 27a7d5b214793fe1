// What the front office asks of the core about attendance: today's board, manual entries,
// corrections and excuses, reports and their CSV files. Every channel needs an office session.
import { z } from 'zod';

const realDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
export const schoolDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .refine(realDate, 'is not a real calendar date');
const timeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour)');
const sessionName = z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'is not a session name');
const id = z.number().int().positive();
/** Why the office changed something; kept with the change and in the audit log. */
export const reason = z.string().trim().min(3, 'Give a reason of at least 3 characters').max(300, 'Keep the reason under 300 characters');

const kind = z.enum(['check_in', 'check_out']);
const status = z.enum(['on_time', 'late']);
const method = z.enum(['face', 'qr', 'pin', 'manual']);
export const sessionState = z.enum(['present', 'late', 'not_arrived', 'absent', 'checked_out']);
export type SessionStateName = z.infer<typeof sessionState>;

const recordView = z.object({
  id,
  /** School-local HH:MM. */
  localTime: z.string(),
  status,
  minutesLate: z.number().int().min(0),
  method,
  corrected: z.boolean(),
});
export type RecordView = z.infer<typeof recordView>;

const studentSession = z.object({
  state: sessionState,
  checkIn: recordView.nullable(),
  checkOut: recordView.nullable(),
  late: z.boolean(),
  excusedLate: z.boolean(),
  excusedAbsence: z.boolean(),
});

const boardStudent = studentSession.extend({
  studentId: id,
  studentNumber: z.string(),
  name: z.string(),
  className: z.string(),
  /** The day's absence report named this student (school-local HH:MM, texts queued); null if not, or withdrawn. */
  absenceReport: z.object({ at: z.string(), texts: z.number().int().min(0) }).nullable(),
});
export type BoardStudent = z.infer<typeof boardStudent>;

const counts = z.object({
  present: z.number().int(),
  late: z.number().int(),
  not_arrived: z.number().int(),
  absent: z.number().int(),
  checked_out: z.number().int(),
  /** Of the absent, how many are excused. */
  excused_absent: z.number().int(),
  total: z.number().int(),
});
export type BoardCounts = z.infer<typeof counts>;

const sessionInfo = z.object({ name: sessionName, start: z.string(), end: z.string(), checkInCloses: z.string() });

export const board = z.object({
  unchanged: z.literal(false),
  /** Changes whenever anything the board shows changes; poll with it as `sinceVersion`. */
  version: z.string(),
  /** The day shown (today unless another was asked for) and the school's clock now. */
  localDate: z.string(),
  localTime: z.string(),
  today: z.string(),
  schoolDay: z.boolean(),
  session: sessionName,
  sessions: z.array(sessionInfo),
  /** 'before': the check-in window is open, nobody is absent yet; 'after': no record means absent. */
  phase: z.enum(['before', 'after']),
  counts,
  classes: z.array(z.object({ name: z.string(), counts })),
  students: z.array(boardStudent),
});
export type Board = z.infer<typeof board>;

const boardAnswer = z.discriminatedUnion('unchanged', [z.object({ unchanged: z.literal(true), version: z.string() }), board]);

const done = z.discriminatedUnion('ok', [z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: z.string() })]);
export type OfficeResult = z.infer<typeof done>;

const manualCheckIn = z.object({
  studentId: id,
  kind,
  session: sessionName,
  /** Today, school-local; when absent, now. */
  time: timeOfDay.optional(),
  reason,
});

const correction = z.discriminatedUnion('action', [
  z.object({ action: z.literal('amend'), attendanceId: id, time: timeOfDay, kind, reason }),
  z.object({ action: z.literal('void'), attendanceId: id, reason }),
]);

const excuse = z.object({
  studentId: id,
  date: schoolDate,
  sessions: z.array(sessionName).min(1, 'Choose at least one session'),
  kind: z.enum(['absence', 'late']),
  reason,
});

const correctionView = z.object({
  action: z.enum(['amend', 'void']),
  localTime: z.string(),
  kind,
  status,
  reason: z.string(),
  actor: z.string(),
  /** School-local 'YYYY-MM-DD HH:MM' of when the correction was made. */
  madeAt: z.string(),
});

const historyRecord = z.object({
  id,
  session: sessionName,
  voided: z.boolean(),
  current: recordView,
  original: z.object({ localTime: z.string(), kind, status, method }),
  manualReason: z.string().nullable(),
  corrections: z.array(correctionView),
});

const excuseView = z.object({
  id,
  session: sessionName,
  kind: z.enum(['absence', 'late']),
  reason: z.string(),
  actor: z.string(),
  madeAt: z.string(),
});

const studentRef = z.object({ studentId: id, studentNumber: z.string(), name: z.string(), className: z.string() });

export const studentDay = z.object({
  student: studentRef,
  date: z.string(),
  sessions: z.array(studentSession.extend({ session: sessionName })),
  records: z.array(historyRecord.extend({ kind })),
  excuses: z.array(excuseView),
});
export type StudentDay = z.infer<typeof studentDay>;

const range = z
  .object({ from: schoolDate, to: schoolDate })
  .refine((r) => r.from <= r.to, { message: '"from" must not be after "to"', path: ['to'] })
  .refine((r) => (Date.parse(r.to) - Date.parse(r.from)) / 86_400_000 <= 400, { message: 'Choose at most 400 days', path: ['to'] });

const reportFilter = z.object({ className: z.string().max(64).optional(), studentId: id.optional() });

const summaryRow = studentRef.extend({
  /** Sessions the student was expected in (school days, since joining, up to now). */
  sessions: z.number().int(),
  attended: z.number().int(),
  late: z.number().int(),
  excusedLate: z.number().int(),
  absent: z.number().int(),
  excusedAbsent: z.number().int(),
});

const absenceRow = studentRef.extend({ date: z.string(), session: sessionName, excused: z.boolean(), reason: z.string().nullable() });
const lateRow = studentRef.extend({
  date: z.string(),
  session: sessionName,
  localTime: z.string(),
  minutesLate: z.number().int(),
  excused: z.boolean(),
  reason: z.string().nullable(),
});

export const attendanceReport = z.object({
  from: z.string(),
  to: z.string(),
  schoolDays: z.number().int(),
  rows: z.array(summaryRow),
  absences: z.array(absenceRow),
  lates: z.array(lateRow),
});
export type AttendanceReport = z.infer<typeof attendanceReport>;

const historyDay = z.object({
  date: z.string(),
  weekday: z.string(),
  sessions: z.array(studentSession.extend({ session: sessionName })),
});

export const studentHistory = z.object({ student: studentRef, from: z.string(), to: z.string(), days: z.array(historyDay), totals: summaryRow });
export type StudentHistory = z.infer<typeof studentHistory>;

const roster = z.object({
  localDate: z.string(),
  classes: z.array(z.string()),
  students: z.array(studentRef),
});

const csvFile = z.object({ filename: z.string(), csv: z.string() });

export const attendanceChannels = {
  'attendance:board': {
    request: z.object({ session: sessionName.optional(), date: schoolDate.optional(), sinceVersion: z.string().max(200).optional() }),
    response: boardAnswer,
    role: 'office',
  },
  'attendance:student-day': { request: z.object({ studentId: id, date: schoolDate }), response: studentDay, role: 'office' },
  'attendance:check-in-manual': { request: manualCheckIn, response: done, role: 'office' },
  'attendance:correct': { request: correction, response: done, role: 'office' },
  'attendance:excuse': { request: excuse, response: done, role: 'office' },
  'attendance:withdraw-excuse': { request: z.object({ excuseId: id, reason }), response: done, role: 'office' },
  'attendance:roster': { request: z.object({}).strict(), response: roster, role: 'office' },
  'attendance:report': { request: range.and(reportFilter), response: attendanceReport, role: 'office' },
  'attendance:student-history': { request: range.and(z.object({ studentId: id })), response: studentHistory, role: 'office' },
  'attendance:export': {
    request: range.and(reportFilter).and(z.object({ what: z.enum(['records', 'summary', 'absences', 'lates']) })),
    response: csvFile,
    role: 'office',
  },
} as const;
