// The attendance channels of the admin screen, wired to the board, the corrections, the manual entries
// (through the check-in service, so their texts go out like any check-in) and the reports. The actor
// in every record and audit entry is the role of the caller's admin session.
import type { attendanceChannels, ResponseOf, ValidRequestOf } from '../../../src-preload/contract.js';
import type { CallContext } from '../access/authorize.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';
import { schoolLocalToUtc, toSchoolTime } from '../time/school-time.js';
import type { CheckInService } from './checkins.js';
import { boardVersion, readBoard } from './board.js';
import { createAttendanceCorrections } from './corrections.js';
import { rosterStudents } from './effective.js';
import { exportFile } from './report-jobs.js';
import type { ReportRunner } from './report-runner.js';
import { attendanceReport, studentHistory } from './reports.js';

type AttendanceChannel = keyof typeof attendanceChannels;
export type AttendanceHandlers = {
  [C in AttendanceChannel]: (request: ValidRequestOf<C>, ctx: CallContext) => ResponseOf<C>;
};

export interface AttendanceOfficeDeps {
  db: Db;
  config: () => Config;
  clock: Clock;
  audit: AuditLog;
  checkIns: CheckInService;
}

/** The host has checked the session already; this only names who acted. */
const actorOf = (ctx: CallContext) => ctx.session?.role ?? 'office';

export function createAttendanceOffice(deps: AttendanceOfficeDeps): AttendanceHandlers {
  const { db, clock, audit, checkIns } = deps;
  const corrections = createAttendanceCorrections(deps);

  function checkInManual(req: ValidRequestOf<'attendance:check-in-manual'>, ctx: CallContext): ResponseOf<'attendance:check-in-manual'> {
    const cfg = deps.config();
    const now = clock.now();
    const today = toSchoolTime(now, cfg.school.timezone).date;
    const instant = req.time ? schoolLocalToUtc(today, req.time, cfg.school.timezone) : now;
    if (instant > now) return { ok: false, error: `${req.time} has not happened yet today` };
    const actor = actorOf(ctx);
    // A record removed earlier makes room: checking the student in again is a new event with its own
    // texts, and the removed one stays on file with its reason.
    const result = checkIns.checkInManually(req.studentId, {
      instant,
      session: req.session,
      kind: req.kind,
      within(attendanceId) {
        db.prepare('INSERT INTO attendance_manual (attendance_id, reason, entered_by) VALUES (?, ?, ?)').run(attendanceId, req.reason, actor);
        const number = (db.prepare('SELECT student_number AS n FROM students WHERE id = ?').get(req.studentId) as { n: string }).n;
        audit.append({
          actor,
          action: req.kind === 'check_in' ? 'attendance.manual_check_in' : 'attendance.manual_check_out',
          subject: `student:${number}`,
          details: { attendanceId, session: req.session, time: toSchoolTime(instant, cfg.school.timezone).time, reason: req.reason },
        });
      },
    });
    switch (result.outcome) {
      case 'recorded':
        return { ok: true };
      case 'refused':
        return { ok: false, error: result.message };
      case 'closed':
        return { ok: false, error: 'Today is not a school day' };
      case 'already_recorded': {
        const what = result.attendance.kind === 'check_in' ? 'checked in' : 'checked out';
        return {
          ok: false,
          error: `${result.student.displayName} is already ${what} for the ${result.attendance.session} at ${result.attendance.localTime}; correct that record instead`,
        };
      }
      default:
        return { ok: false, error: 'The check-in was not recorded' };
    }
  }

  return {
    'attendance:board': (req) => {
      const now = clock.now();
      const version = boardVersion(db, deps.config(), now, req.session, req.date);
      if (req.sinceVersion === version) return { unchanged: true, version };
      return readBoard(db, deps.config(), now, req.session, req.date);
    },
    'attendance:student-day': (req) => {
      const day = corrections.studentDay(req.studentId, req.date);
      if (!day) throw new Error(`No student ${req.studentId}`);
      return day;
    },
    'attendance:check-in-manual': checkInManual,
    'attendance:correct': (req, ctx) =>
      req.action === 'void' ? corrections.void(req, actorOf(ctx)) : corrections.amend(req, actorOf(ctx)),
    'attendance:excuse': (req, ctx) => corrections.excuse(req, actorOf(ctx)),
    'attendance:withdraw-excuse': (req, ctx) => corrections.withdrawExcuse(req, actorOf(ctx)),
    'attendance:roster': () => {
      const cfg = deps.config();
      const students = rosterStudents(db, cfg.school.timezone).filter((s) => !s.archivedAt);
      return {
        localDate: toSchoolTime(clock.now(), cfg.school.timezone).date,
        classes: [...new Set(students.map((s) => s.className))].sort((a, b) => a.localeCompare(b, undefined, { numeric: true })),
        students: students.map((s) => ({ studentId: s.id, studentNumber: s.studentNumber, name: `${s.firstName} ${s.lastName}`, className: s.className })),
      };
    },
    'attendance:report': (req) => attendanceReport(db, deps.config(), clock.now(), req),
    'attendance:student-history': (req) => {
      const h = studentHistory(db, deps.config(), clock.now(), req);
      if (!h) throw new Error(`No student ${req.studentId}`);
      return h;
    },
    'attendance:export': (req) => exportFile(db, deps.config(), clock.now(), req),
  };
}

/**
 * The report and export channels answered from a worker thread (report-runner.ts): the same results
 * as the handlers above, without a whole-school year stalling the kiosk's main loop. The composition
 * root puts these over the in-thread ones.
 */
export function offThreadReports(runner: ReportRunner) {
  return {
    'attendance:report': (req: ValidRequestOf<'attendance:report'>) => runner.run({ what: 'report', request: req }),
    'attendance:export': (req: ValidRequestOf<'attendance:export'>) => runner.run({ what: 'export', request: req }),
  };
}
