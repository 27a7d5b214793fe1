// A worker thread's one job: a report on its own read-only connection, so a year for the whole school
// never holds up the kiosk's main loop (check-ins, heartbeats, health). Started by report-runner.ts,
// from this file under tsx or as dist-main/report-worker.cjs in the Electron bundle.
import { readlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import type { Config } from '../config/schema.js';
import { runReportJob, type ReportJob } from './report-jobs.js';

export interface ReportWorkerData {
  /** better-sqlite3's entry file, resolved by the parent (a bundled or eval'd worker cannot resolve it). */
  sqlitePath: string;
  dbFile: string;
  config: Config;
  instant: string;
  job: ReportJob;
}

export type ReportWorkerMessage = { ok: true; result: unknown } | { ok: false; error: string };

// Lowest CPU priority for this thread only (Linux: a thread id is a valid setpriority target), so on a
// two-core kiosk the report yields to the main loop and the camera pipeline, as the backup check does.
try {
  const m = /task\/(\d+)$/.exec(readlinkSync('/proc/thread-self'));
  if (m) setPriority(Number(m[1]), 19);
} catch {
  // Not Linux: normal priority.
}

const data = workerData as ReportWorkerData;
let message: ReportWorkerMessage;
try {
  const Database = createRequire(`${process.cwd()}/`)(data.sqlitePath) as typeof BetterSqlite3;
  const db = new Database(data.dbFile, { readonly: true, fileMustExist: true });
  try {
    message = { ok: true, result: runReportJob(db, data.config, new Date(data.instant), data.job) };
  } finally {
    db.close();
  }
} catch (e) {
  message = { ok: false, error: (e as Error).message };
}
parentPort!.postMessage(message);
