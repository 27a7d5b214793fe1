// A whole-school report over a school year (1000 students, about 760,000 records) while the main event
// loop is watched: the worst stall of the loop when the report runs in the report worker thread, as
// the admin screen's report and export channels do, beside the stall the same report causes on the
// main thread, and the stalls the idle loop shows on this machine anyway. The database is built once
// under the OS temp dir and reused by later runs.
import { mkdirSync, rmSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../src-main/core/db/open.js';
import { parseConfig } from '../../src-main/core/config/load.js';
import { importRoster } from '../../src-main/core/people/roster-import.js';
import { parseRoster } from '../../src-main/core/people/roster.js';
import { schoolDaysBetween } from '../../src-main/core/attendance/school-days.js';
import { attendanceReport } from '../../src-main/core/attendance/reports.js';
import { createReportRunner } from '../../src-main/core/attendance/report-runner.js';
import { manualClock } from '../../src-main/core/time/clock.js';

const STUDENTS = 1000;
const FROM = '2025-09-01';
const TO = '2026-07-17';
const CLASSES = ['7A', '7B', '8A', '8B', '9A', '9B', '10A', '10B', '11A', '11B'];

function populate(db: Db, days: string[]): void {
  const lines = ['student_number,first_name,last_name,class,guardian_name,guardian_phone'];
  for (let i = 0; i < STUDENTS; i++) lines.push(`R${i},First${i},Last${i},${CLASSES[i % CLASSES.length]},Guardian ${i},07400 ${String(100000 + i)}`);
  const roster = parseRoster(lines.join('\n') + '\n', 'GB');
  if (!roster.ok) throw new Error('bench roster invalid');
  importRoster(db, roster.students, new Date('2025-08-20T06:00:00Z'), (p) => p);
  const ids = (db.prepare('SELECT id FROM students ORDER BY id').all() as { id: number }[]).map((r) => r.id);
  const insert = db.prepare(
    `INSERT INTO attendance (student_id, occurred_at, local_date, local_time, session, kind, status, minutes_late, method, score, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'face', 0.97, ?)`,
  );
  // Everyone at every session except a student in twenty each day (absent), one in ten late.
  db.transaction(() => {
    for (const [d, date] of days.entries()) {
      for (const [i, id] of ids.entries()) {
        if ((i + d) % 20 === 0) continue;
        const late = (i + d) % 10 === 3;
        for (const [session, inAt, outAt] of [['morning', late ? '07:40:00' : '07:05:00', '11:45:00'], ['afternoon', '12:35:00', '15:10:00']] as const) {
          const status = session === 'morning' && late ? 'late' : 'on_time';
          for (const [kind, time] of [['check_in', inAt], ['check_out', outAt]] as const) {
            const at = `${date}T${time}.000Z`;
            insert.run(id, at, date, time, session, kind, kind === 'check_in' ? status : 'on_time', kind === 'check_in' && status === 'late' ? 40 : 0, at);
          }
        }
      }
    }
  })();
}

export interface ReportBench {
  students: number;
  records: number;
  schoolDays: number;
  built: boolean;
  /** The report in the worker thread: how long it took, and the main loop meanwhile. */
  workerMs: number;
  workerWorstStallMs: number;
  workerP99StallMs: number;
  /** The same report on the main thread (how it ran before): the loop is blocked for all of it. */
  mainThreadMs: number;
  mainThreadWorstStallMs: number;
  idleWorstStallMs: number;
  idleP99StallMs: number;
}

export async function benchReport(): Promise<ReportBench> {
  const defaults = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8'));
  const config = parseConfig({ ...defaults, school: { ...defaults.school, timezone: 'Europe/London' } });
  const days = schoolDaysBetween(FROM, TO, config.schedule);
  const dir = join(tmpdir(), 'rollcall-bench-report-year');
  const file = join(dir, 'rollcall.db');
  mkdirSync(dir, { recursive: true });
  let db = openDatabase(file);
  let built = false;
  const students = (db.prepare('SELECT COUNT(*) AS n FROM students').get() as { n: number }).n;
  if (students !== STUDENTS) {
    db.close();
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    db = openDatabase(file);
    populate(db, days);
    db.pragma('wal_checkpoint(TRUNCATE)');
    built = true;
  }
  const records = (db.prepare('SELECT COUNT(*) AS n FROM attendance').get() as { n: number }).n;
  const clock = manualClock(new Date('2026-07-20T09:00:00Z'));
  const request = { from: FROM, to: TO };
  await new Promise((r) => setTimeout(r, 500)); // let the loop settle after the (blocking) build

  const runner = createReportRunner({ dbFile: file, config: () => config, clock });
  const watching = watchLoop();
  const t0 = performance.now();
  const report = await runner.run({ what: 'report', request });
  const workerMs = performance.now() - t0;
  const workerGaps = watching.stop();
  if (report.rows.length !== STUDENTS) throw new Error(`bench report has ${report.rows.length} rows`);

  const idle = watchLoop();
  await new Promise((r) => setTimeout(r, workerMs));
  const idleGaps = idle.stop();

  // The old way, for comparison: one blocking call; the timer's next tick shows the stall.
  const before = watchLoop();
  await new Promise((r) => setTimeout(r, 20));
  const t1 = performance.now();
  attendanceReport(db, config, clock.now(), request);
  const mainThreadMs = performance.now() - t1;
  await new Promise((r) => setTimeout(r, 20));
  const mainGaps = before.stop();
  db.close();

  return {
    students: STUDENTS,
    records,
    schoolDays: days.length,
    built,
    workerMs,
    workerWorstStallMs: worst(workerGaps),
    workerP99StallMs: p99(workerGaps),
    mainThreadMs,
    mainThreadWorstStallMs: worst(mainGaps),
    idleWorstStallMs: worst(idleGaps),
    idleP99StallMs: p99(idleGaps),
  };
}

const worst = (gaps: number[]) => Math.max(0, ...gaps);

function p99(gaps: number[]): number {
  const sorted = [...gaps].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length * 0.99)] ?? 0;
}

/** Every gap between 1 ms timer ticks, i.e. how long the loop could not run anything. */
function watchLoop() {
  const gaps: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    gaps.push(now - last);
    last = now;
  }, 1);
  return {
    stop() {
      clearInterval(timer);
      return gaps;
    },
  };
}
