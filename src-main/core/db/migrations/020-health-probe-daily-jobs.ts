import type { Migration } from './types.js';

/**
 * health_probe: the one row health rewrites every 30 s to time a real write transaction.
 * daily_job_runs: one row per job and school day, claimed before the job runs, so a job never runs
 * twice on one school day whatever the restarts, clock steps or DST.
 */
export const healthProbeDailyJobs: Migration = {
  version: 20,
  name: 'health probe, daily job runs',
  sql: `
    CREATE TABLE health_probe (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      at TEXT NOT NULL
    );
    CREATE TABLE daily_job_runs (
      job         TEXT NOT NULL,
      local_date  TEXT NOT NULL,
      started_at  TEXT NOT NULL,
      finished_at TEXT,
      status      TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
      detail      TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (job, local_date)
    );
  `,
};
