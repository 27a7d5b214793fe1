// A record removed after the day's absence report (the camera took Ana for Ben at 07:05): the report
// did not name Ben, who now has no record. His family was told he arrived; the absence text is the
// only one that can correct it, so he is reported now, as the report would have, once.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { absenceList } from './absence-report.js';
import { queueNotices, type QueuedNotices } from './notices.js';

/** Runs inside the caller's transaction, after the record was removed. */
export function reconsiderAbsence(db: Db, cfg: Config, studentId: number, localDate: string, now: Date): QueuedNotices {
  const none = { reported: 0, texts: 0 };
  if (!cfg.schedule.absenceReport.enabled) return none;
  const ran = db.prepare(`SELECT 1 FROM daily_job_runs WHERE job = 'absence-report' AND local_date = ? AND status = 'ok'`).get(localDate);
  if (!ran) return none;
  const subject = absenceList(db, cfg, localDate, now).absent.filter((s) => s.studentId === studentId);
  return subject.length === 0 ? none : queueNotices(db, cfg, 'absence', localDate, now, subject);
}
