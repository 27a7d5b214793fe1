// The two daily notices as daily jobs. Their times are read from the live config at every due check,
// so a time changed on the admin screen applies the same day (within the due check's 5 minutes).
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { DailyJob, DailyJobs } from '../schedule/daily-jobs.js';
import { runAbsenceReport } from './absence-report.js';
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
      const r = runAbsenceReport(db, cfg, localDate, now);
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

/** Registers both with the daily jobs (before their start()). */
export function registerDailyNotices(jobs: Pick<DailyJobs, 'register'>, deps: DailyNoticeDeps): void {
  jobs.register(absenceReportJob(deps));
  jobs.register(noCheckoutJob(deps));
}
