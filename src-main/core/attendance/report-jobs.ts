// The office's reports as jobs: what 'attendance:report' and 'attendance:export' compute, runnable on
// the kiosk's own connection or, for the whole school over months, in a worker thread on a read-only
// one (report-runner.ts). Plain data in, plain data out, so a job crosses threads as it is.
import type { AttendanceReport, ResponseOf, ValidRequestOf } from '../../../src-preload/contract.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { attendanceCsv, reportCsv } from './report.js';
import { attendanceReport } from './reports.js';

export type ReportJob =
  | { what: 'report'; request: ValidRequestOf<'attendance:report'> }
  | { what: 'export'; request: ValidRequestOf<'attendance:export'> };

export type ReportJobResult<J extends ReportJob> = J extends { what: 'report' } ? AttendanceReport : ResponseOf<'attendance:export'>;

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');

export function exportFile(db: Db, config: Config, instant: Date, req: ValidRequestOf<'attendance:export'>): ResponseOf<'attendance:export'> {
  const scope = req.studentId
    ? `student-${slug((db.prepare('SELECT student_number AS n FROM students WHERE id = ?').get(req.studentId) as { n: string } | undefined)?.n ?? String(req.studentId))}`
    : req.className !== undefined
      ? `class-${slug(req.className) || 'none'}`
      : 'all';
  const filename = `attendance-${req.what}-${scope}-${req.from}-to-${req.to}.csv`;
  const csv =
    req.what === 'records'
      ? [...attendanceCsv(db, req.from, req.to, req)].join('\n') + '\n'
      : reportCsv(attendanceReport(db, config, instant, req), req.what);
  return { filename, csv };
}

export function runReportJob<J extends ReportJob>(db: Db, config: Config, instant: Date, job: J): ReportJobResult<J> {
  const result = job.what === 'report' ? attendanceReport(db, config, instant, job.request) : exportFile(db, config, instant, job.request);
  return result as ReportJobResult<J>;
}
