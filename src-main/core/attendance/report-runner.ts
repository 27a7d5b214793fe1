// Runs the office's reports in a worker thread with its own read-only SQLite connection. A
// whole-school report over a school year reads about 760,000 records and takes seconds; on the main
// thread that would freeze check-ins, heartbeats and health for as long. Jobs run one at a time, so a
// busy office never takes more than one of the kiosk's cores.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Config } from '../config/schema.js';
import type { Clock } from '../time/clock.js';
import type { ReportJob, ReportJobResult } from './report-jobs.js';
import type { ReportWorkerData, ReportWorkerMessage } from './report-worker.js';

export interface ReportRunnerDeps {
  dbFile: string;
  config: () => Config;
  clock: Clock;
}

export interface ReportRunner {
  run<J extends ReportJob>(job: J): Promise<ReportJobResult<J>>;
}

const here = typeof __filename === 'string' ? __filename : import.meta.url;

function startWorker(workerData: ReportWorkerData): Worker {
  // The Electron bundle ships the worker beside main.cjs; it is read as source and eval'd so it loads
  // from inside the app's asar archive too. Elsewhere (tsx) the TypeScript file runs as it is.
  if (here.endsWith('.cjs')) {
    return new Worker(readFileSync(join(dirname(here), 'report-worker.cjs'), 'utf8'), { eval: true, workerData });
  }
  // Under tsx: a worker does not inherit the parent's loader hooks, so it registers tsx's own first.
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./report-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export function createReportRunner(deps: ReportRunnerDeps): ReportRunner {
  const sqlitePath = createRequire(here).resolve('better-sqlite3');
  let queue: Promise<unknown> = Promise.resolve();

  function once(job: ReportJob, config: Config, instant: Date): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const worker = startWorker({ sqlitePath, dbFile: deps.dbFile, config, instant: instant.toISOString(), job });
      let settled = false;
      worker.once('message', (m: ReportWorkerMessage) => {
        settled = true;
        if (m.ok) resolve(m.result);
        else reject(new Error(m.error));
      });
      worker.once('error', (e) => {
        settled = true;
        reject(e);
      });
      worker.once('exit', (code) => {
        if (!settled) reject(new Error(`the report worker exited with code ${code} before answering`));
      });
    });
  }

  return {
    run<J extends ReportJob>(job: J): Promise<ReportJobResult<J>> {
      // The report is of the moment it was asked for, with the settings of that moment.
      const config = deps.config();
      const instant = deps.clock.now();
      const result = queue.then(() => once(job, config, instant));
      queue = result.catch(() => undefined);
      return result as Promise<ReportJobResult<J>>;
    },
  };
}
