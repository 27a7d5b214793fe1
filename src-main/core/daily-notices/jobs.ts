// The two daily notices as daily jobs. Their times are read from the live config at every due check,
// so a time changed on the admin screen applies the same day (within the due check's 5 minutes).
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { DailyJob, DailyJobs } from '../schedule/daily-jobs.js';
import { NoticesHeld, runAbsenceReport, type LostWindow } from './absence-report.js';
import { runNoCheckoutNotice } from './no-checkout-notice.js';
import type { NoticeKind } from './notices.js';
import { absenceReportAt, absenceReportUntil, noCheckoutAt } from './notice-times.js';

export interface DailyNoticeDeps {
  db: Db;
  config: () => Config;
  log: Logger;
  /** After texts were queued, so the dispatcher sends without waiting to poll. */
  onQueued?: () => void;
  /** Students reported, per kind (metrics). */
  onReported?: (kind: NoticeKind, students: number) => void;
  /** The last backup restore's lost window (the report is held when it overlaps today's check-in). */
  lostWindow?: () => LostWindow | null;
  /** Whether the provider already has a text (sms/sent-ledger.ts). */
  alreadySent?: (messageId: string) => boolean;
}

export function absenceReportJob(deps: DailyNoticeDeps): DailyJob {
  const { db, config, log } = deps;
  const sched = () => config().schedule;
  return {
    name: 'absence-report',
    get at() {
      return absenceReportAt(sched().sessions, sched().absenceReport.at);
    },
    get until() {
      return absenceReportUntil(sched().sessions, sched().absenceReport.at);
    },
    run: ({ localDate, now }) => {
      const cfg = config();
      if (!cfg.schedule.absenceReport.enabled) {
        log.info('absence report is turned off (schedule.absenceReport.enabled)', { localDate });
        return;
      }
      const r = runAbsenceReport(db, cfg, localDate, now, {
        lost: deps.lostWindow?.() ?? null,
        ...(deps.alreadySent ? { alreadySent: deps.alreadySent } : {}),
      });
      log.info('absence report', { localDate, onRoll: r.onRoll, absent: r.absent.length, excused: r.excused, reported: r.reported, texts: r.texts });
      if (r.reported > 0) deps.onReported?.('absence', r.reported);
      if (r.texts > 0) deps.onQueued?.();
    },
  };
}

export function noCheckoutJob(deps: DailyNoticeDeps): DailyJob {
  const { db, config, log } = deps;
  const sched = () => config().schedule;
  return {
    name: 'no-checkout-notice',
    get at() {
      return noCheckoutAt(sched().sessions, sched().noCheckoutNotice.at);
    },
    run: ({ localDate, now }) => {
      const cfg = config();
      if (!cfg.schedule.noCheckoutNotice.enabled) return;
      const r = runNoCheckoutNotice(db, cfg, localDate, now);
      log.info('no-check-out notice', { localDate, came: r.came, notCheckedOut: r.notCheckedOut.length, reported: r.reported, texts: r.texts });
      if (r.reported > 0) deps.onReported?.('no_checkout', r.reported);
      if (r.texts > 0) deps.onQueued?.();
    },
  };
}

/** Today's absence report as it ran, for the admin screen: held means the office can send it. */
export function absenceReportState(db: Db, localDate: string) {
  const run = db.prepare(`SELECT status, detail FROM daily_job_runs WHERE job = 'absence-report' AND local_date = ?`).get(localDate) as
    | { status: 'running' | 'ok' | 'failed' | 'skipped'; detail: string | null }
    | undefined;
  return { localDate, status: run?.status ?? null, detail: run?.detail ?? null, held: run?.status === 'failed' };
}

export type SendHeldResult = { ok: true; reported: number; texts: number } | { ok: false; error: string };

/**
 * The office's "send the absence texts now" for a report held today (a restore lost part of check-in):
 * run once the office has checked the day's records. The share-of-roll hold still applies. The day's
 * run is then recorded as done, with who asked, so the due check does not run it again.
 */
export function sendHeldAbsenceReport(deps: DailyNoticeDeps, localDate: string, now: Date, actor: string): SendHeldResult {
  const { db, log } = deps;
  const run = db.prepare(`SELECT status FROM daily_job_runs WHERE job = 'absence-report' AND local_date = ?`).get(localDate) as { status: string } | undefined;
  if (run?.status !== 'failed') return { ok: false, error: run ? `The absence report of ${localDate} is not held (${run.status})` : `The absence report of ${localDate} has not run yet` };
  try {
    const r = runAbsenceReport(db, deps.config(), localDate, now, { confirmedByOffice: true });
    db.prepare(`UPDATE daily_job_runs SET status = 'ok', finished_at = ?, detail = ? WHERE job = 'absence-report' AND local_date = ?`).run(now.toISOString(), `sent by ${actor} after a hold`, localDate);
    log.info('held absence report sent by the office', { localDate, actor, reported: r.reported, texts: r.texts });
    if (r.reported > 0) deps.onReported?.('absence', r.reported);
    if (r.texts > 0) deps.onQueued?.();
    return { ok: true, reported: r.reported, texts: r.texts };
  } catch (e) {
    if (e instanceof NoticesHeld) return { ok: false, error: e.message };
    throw e;
  }
}

/** Registers both with the daily jobs (before their start()). */
export function registerDailyNotices(jobs: Pick<DailyJobs, 'register'>, deps: DailyNoticeDeps): void {
  jobs.register(absenceReportJob(deps));
  jobs.register(noCheckoutJob(deps));
}
