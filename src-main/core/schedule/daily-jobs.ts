// Daily jobs (absence report, retention, no-check-out notices): each runs at most once per school day,
// at its school-local time, and a kiosk that was off (or asleep, or had its clock stepped) catches up
// when it comes back, until the job's cut-off. The day is claimed in SQLite before the job runs, so no
// restart, clock step or DST day can run it twice. node-cron triggers at the time in the school's
// zone; because node-cron skips missed runs (reliability.md 7), a due check at start, every few
// minutes and on a missed execution is what actually decides.
import cron, { type ScheduledTask } from 'node-cron';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import { toSchoolTime } from '../time/school-time.js';

export interface DailyJob {
  /** Short lower-case name, e.g. 'absence-report'. */
  name: string;
  /** School-local 'HH:MM' from which the job is due. Avoid 00:00-03:00: DST moves those hours. */
  at: string;
  /** School-local 'HH:MM' after which a late boot no longer runs it that day (default end of day). */
  until?: string;
  /** Runs the job for that school-local date. Should be idempotent: a crash mid-run is not retried. */
  run(ctx: { localDate: string; now: Date }): Promise<void> | void;
}

export type DueDecision = 'wait' | 'run' | 'too-late' | 'not-school-day' | 'done';

/** Pure: what to do about a job at this school-local moment, given whether today is already claimed. */
export function decideDaily(job: Pick<DailyJob, 'at' | 'until'>, local: { date: string; hhmm: string }, claimed: boolean, schoolDay: boolean): DueDecision {
  if (claimed) return 'done';
  if (local.hhmm < job.at) return 'wait';
  if (!schoolDay) return 'not-school-day';
  if (local.hhmm > (job.until ?? '23:59')) return 'too-late';
  return 'run';
}

export interface DailyJobsDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  /** A function is read at each check, so a time zone changed in the admin screen applies at once. */
  timezone: string | (() => string);
  isSchoolDay: (localDate: string) => boolean;
  metrics?: Metrics;
  /** How often the due check runs, as a cron expression in UTC (default every 5 minutes). */
  dueCheck?: string;
  schedule?: typeof cron.schedule;
}

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const INTERRUPTED = 'interrupted';
const RETRY = 'retry after an interrupted run';

export function createDailyJobs(deps: DailyJobsDeps) {
  const { db, clock, log } = deps;
  const jobs = new Map<string, DailyJob>();
  const tasks: ScheduledTask[] = [];
  const schedule = deps.schedule ?? cron.schedule;
  const zone = () => (typeof deps.timezone === 'function' ? deps.timezone() : deps.timezone);
  const claimedQ = db.prepare(`SELECT 1 FROM daily_job_runs WHERE job = ? AND local_date = ? AND NOT (status = 'running' AND detail = '${INTERRUPTED}')`);
  const claim = db.prepare(
    `INSERT INTO daily_job_runs (job, local_date, started_at, status, detail) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (job, local_date) DO UPDATE SET started_at = excluded.started_at, status = excluded.status, detail = '${RETRY}'
     WHERE daily_job_runs.status = 'running' AND daily_job_runs.detail = '${INTERRUPTED}'`,
  );
  // A run still 'running' at start was cut off by a crash or power cut. It is tried once more (jobs are
  // idempotent); one that was already the retry is not, so a job that kills the process cannot loop.
  const settleInterrupted = db.transaction((at: string) => {
    db.prepare(`UPDATE daily_job_runs SET status = 'failed', finished_at = ?, detail = 'interrupted twice; not retried' WHERE status = 'running' AND detail = '${RETRY}'`).run(at);
    // The marker is kept in detail: the table's status CHECK allows no other state.
    db.prepare(`UPDATE daily_job_runs SET detail = '${INTERRUPTED}' WHERE status = 'running'`).run();
  });
  const finish = db.prepare('UPDATE daily_job_runs SET status = ?, finished_at = ?, detail = ? WHERE job = ? AND local_date = ?');
  let checking: Promise<string[]> | null = null;

  async function checkOnce(): Promise<string[]> {
    const ran: string[] = [];
    for (const job of jobs.values()) {
      const now = clock.now();
      const local = toSchoolTime(now, zone());
      const decision = decideDaily(job, local, claimedQ.get(job.name, local.date) !== undefined, deps.isSchoolDay(local.date));
      if (decision === 'wait' || decision === 'done') continue;
      if (decision !== 'run') {
        // Recorded, so the day is settled and visible; nothing runs for it later.
        const detail = decision === 'too-late' ? `started after the cut-off ${job.until}` : 'not a school day';
        if (claim.run(job.name, local.date, now.toISOString(), 'skipped', detail).changes === 1) {
          deps.metrics?.dailyJob(job.name, 'skipped');
          log.info('daily job skipped', { job: job.name, localDate: local.date, reason: detail });
        }
        continue;
      }
      if (claim.run(job.name, local.date, now.toISOString(), 'running', '').changes !== 1) continue;
      try {
        await job.run({ localDate: local.date, now });
        finish.run('ok', clock.now().toISOString(), '', job.name, local.date);
        deps.metrics?.dailyJob(job.name, 'ok');
        log.info('daily job done', { job: job.name, localDate: local.date });
        ran.push(job.name);
      } catch (e) {
        finish.run('failed', clock.now().toISOString(), (e as Error).message.slice(0, 500), job.name, local.date);
        deps.metrics?.dailyJob(job.name, 'failed');
        log.error('daily job failed', { job: job.name, localDate: local.date, error: (e as Error).message });
      }
    }
    return ran;
  }

  /** Runs every job that is due now; one check at a time. Returns the names that ran. */
  const runDue = (): Promise<string[]> => {
    checking ??= checkOnce().finally(() => {
      checking = null;
    });
    return checking;
  };

  function arm(job: DailyJob): void {
    // The exact-minute tick keeps the zone and time it was armed with; after a change in the admin
    // screen the due check (every 5 minutes) finds the job due in the new zone.
    const [h, m] = job.at.split(':').map(Number);
    const task = schedule(`${m} ${h} * * *`, () => void runDue(), { timezone: zone(), name: `daily:${job.name}`, noOverlap: true });
    task.on('execution:missed', () => void runDue());
    tasks.push(task);
  }

  let started = false;
  return {
    register(job: DailyJob): void {
      if (!/^[a-z][a-z0-9-]{0,39}$/.test(job.name)) throw new Error(`daily job name "${job.name}" must be short, lower case`);
      if (!HHMM.test(job.at) || (job.until !== undefined && !HHMM.test(job.until))) throw new Error(`daily job ${job.name}: times must be HH:MM`);
      if (jobs.has(job.name)) throw new Error(`daily job ${job.name} is registered twice`);
      jobs.set(job.name, job);
      if (started) arm(job);
    },
    runDue,
    /** The last run of a job as recorded, for the admin screen. */
    lastRun(name: string): { localDate: string; status: string; finishedAt: string | null } | null {
      const r = db.prepare('SELECT local_date, status, finished_at FROM daily_job_runs WHERE job = ? ORDER BY local_date DESC LIMIT 1').get(name) as
        | { local_date: string; status: string; finished_at: string | null }
        | undefined;
      return r ? { localDate: r.local_date, status: r.status, finishedAt: r.finished_at } : null;
    },
    async start() {
      settleInterrupted(clock.now().toISOString());
      started = true;
      for (const job of jobs.values()) arm(job);
      const check = schedule(deps.dueCheck ?? '*/5 * * * *', () => void runDue(), { timezone: 'UTC', name: 'daily:due-check', noOverlap: true });
      tasks.push(check);
      // A late boot catches up now, not at the next tick.
      await runDue();
    },
    async stop() {
      for (const t of tasks.splice(0)) await t.destroy();
      await checking;
    },
  };
}

export type DailyJobs = ReturnType<typeof createDailyJobs>;
