// Health in the background: every few seconds it takes its readings (a database write, disk space,
// the screen's heartbeat, the SMS and backup services' own reports, clock and event loop) and keeps the
// resulting documents, so a health request never waits on anything slow.
import { statSync, statfsSync } from 'node:fs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import type { BackupHealth, ClockJump, DbWriteReading, DiskReading, IntegrityReading, OutboxReading, SmsHealth, WatchdogHealth } from './checks.js';
import { CLOCK_JUMP_MEMORY_S } from './checks.js';
import { createClockJumpDetector } from './clock-jump.js';
import { buildHealth, liveDocument, readyDocument, type HealthDocument, type HealthReadings, type ServiceIdentity } from './report.js';
import type { ScreenReports } from './screen-reports.js';
import type { LogFileHealth } from '../log-space.js';

export interface HealthMonitorDeps {
  db: Db;
  dbFile: string;
  dataDir: string;
  clock: Clock;
  log: Logger;
  identity: ServiceIdentity;
  screen: ScreenReports;
  faceRecognition: () => boolean;
  watchdog: () => WatchdogHealth;
  /** School-local date now, YYYY-MM-DD (today's scans on /health/database). */
  localDate: () => string;
  /** From the SMS service; without it health says SMS is not reported. */
  smsHealth?: () => SmsHealth | Promise<SmsHealth>;
  /** From the backup service; without it health says backups are not monitored. */
  backupStatus?: () => BackupHealth | Promise<BackupHealth>;
  /** The disk guard's state; a full disk fails health with its reason even when statfs looks fine. */
  diskGuard?: () => NonNullable<DiskReading['guard']>;
  metrics?: Metrics;
  monotonicMs?: () => number;
  /** Free and total bytes of the volume holding `path`. */
  statfs?: (path: string) => { freeBytes: number; totalBytes: number };
  /** p99 event-loop delay since the last call, seconds; tests pass their own. */
  eventLoopP99?: () => number;
  intervalMs?: number;
  dbProbeIntervalMs?: number;
  /** The file logger's state (lines dropped on a full disk); without it health has no log check. */
  logFile?: () => LogFileHealth;
  /** How many stored settings this version refused at start and runs without. */
  ignoredSettings?: () => number;
}

export interface SeedDocuments {
  system: Record<string, unknown>;
  database: Record<string, unknown>;
  components: Record<string, unknown>;
}

const systemStatfs = (path: string) => {
  const s = statfsSync(path);
  return { freeBytes: s.bavail * s.bsize, totalBytes: s.blocks * s.bsize };
};

function eventLoopSampler(): { p99: () => number; stop: () => void } {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return {
    p99: () => {
      const v = h.count > 0 ? h.percentile(99) / 1e9 : 0;
      h.reset();
      return v;
    },
    stop: () => h.disable(),
  };
}

export function createHealthMonitor(deps: HealthMonitorDeps) {
  const { db, clock, log } = deps;
  const mono = deps.monotonicMs ?? (() => performance.now());
  const statfs = deps.statfs ?? systemStatfs;
  const startedAt = clock.now();
  const startedMono = mono();
  const jumpDetector = createClockJumpDetector(() => clock.now().getTime(), mono);
  let loop: ReturnType<typeof eventLoopSampler> | null = null;
  const eventLoopP99 = deps.eventLoopP99 ?? (() => loop?.p99() ?? 0);

  const probe = db.prepare('INSERT INTO health_probe (id, at) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET at = excluded.at');
  const totalRows = db.prepare('SELECT COUNT(*) AS n FROM attendance');
  const todayRows = db.prepare('SELECT COUNT(*) AS n FROM attendance WHERE local_date = ?');
  const outboxByState = db.prepare('SELECT state, COUNT(*) AS n FROM sms_outbox GROUP BY state');
  const outboxOldest = db.prepare("SELECT MIN(created_at) AS at FROM sms_outbox WHERE state IN ('queued', 'sending')");

  let dbWrite: DbWriteReading | null = null;
  let dbLastSuccessAt: Date | null = null;
  let lastProbeMono = -Infinity;
  let integrity: IntegrityReading | null = null;
  let jumps: ClockJump[] = [];
  let lagP99 = 0;
  let dbCounts: { total: number; today: number; sizeBytes: number } | null = null;
  let dbCountsError: string | null = null;
  let sms: SmsHealth | null = null;
  let outbox: (OutboxReading & { byState: Record<string, number> }) | null = null;
  let backup: BackupHealth | null = null;
  let disk: DiskReading | null = null;
  let current: HealthDocument | null = null;
  let ready: ReturnType<typeof readyDocument> | null = null;
  let seed: SeedDocuments | null = null;
  let timer: ReturnType<typeof setInterval> | undefined;
  let sampling: Promise<void> | null = null;

  function probeWrite(now: Date): void {
    const t0 = performance.now();
    try {
      db.transaction(() => probe.run(now.toISOString()))();
      dbWrite = { ok: true, ms: performance.now() - t0, at: now };
      dbLastSuccessAt = now;
      deps.metrics?.dbWriteProbe(dbWrite.ms / 1000);
    } catch (e) {
      const err = e as Error & { code?: string };
      dbWrite = { ok: false, code: err.code ?? 'UNKNOWN', message: err.message, at: now };
    }
    try {
      const size = (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
      dbCounts = { total: (totalRows.get() as { n: number }).n, today: (todayRows.get(deps.localDate()) as { n: number }).n, sizeBytes: size };
      dbCountsError = null;
      const byState = Object.fromEntries((outboxByState.all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
      const oldest = (outboxOldest.get() as { at: string | null }).at;
      outbox = { byState, oldestPendingAt: oldest ? new Date(oldest) : null, pending: (byState.queued ?? 0) + (byState.sending ?? 0) };
    } catch (e) {
      dbCountsError = (e as Error & { code?: string }).code ?? 'read failed';
    }
  }

  /** quick_check once at start; a check that throws is a damaged database too. */
  function checkIntegrity(): void {
    const at = clock.now();
    try {
      const rows = db.pragma('quick_check') as { quick_check: string }[];
      integrity = { result: rows.length === 1 && rows[0]!.quick_check === 'ok' ? 'ok' : rows.map((r) => r.quick_check).join('; '), at, source: 'startup quick_check' };
    } catch (e) {
      integrity = { result: `quick_check failed: ${(e as Error).message}`, at, source: 'startup quick_check' };
    }
  }

  function measureDisk(now: Date): void {
    try {
      const fs = statfs(deps.dataDir);
      const sizeOf = (f: string) => {
        try {
          return statSync(f).size;
        } catch {
          return 0;
        }
      };
      disk = { ...fs, dbBytes: sizeOf(deps.dbFile) + sizeOf(`${deps.dbFile}-wal`), newestBackupBytes: backup?.newestBytes ?? 0, at: now, ...(deps.diskGuard ? { guard: deps.diskGuard() } : {}) };
      deps.metrics?.disk(fs.freeBytes, fs.totalBytes > 0 ? fs.freeBytes / fs.totalBytes : 0);
    } catch (e) {
      log.warn('disk space could not be read', { error: (e as Error).message });
    }
  }

  async function fromProvider<T>(name: string, f: (() => T | Promise<T>) | undefined, keep: T | null): Promise<T | null> {
    if (!f) return null;
    try {
      return await f();
    } catch (e) {
      log.warn(`${name} status unavailable`, { error: (e as Error).message });
      return keep;
    }
  }

  async function sampleOnce(): Promise<void> {
    const now = clock.now();
    const jump = jumpDetector.check();
    if (jump) {
      jumps.push(jump);
      deps.metrics?.clockJump(jump.seconds > 0 ? 'forward' : 'backward');
      log.warn('clock jump', { seconds: Math.round(jump.seconds) });
    }
    jumps = jumps.filter((j) => (now.getTime() - j.at.getTime()) / 1000 <= CLOCK_JUMP_MEMORY_S && j.at.getTime() <= now.getTime() + 1000);
    lagP99 = eventLoopP99();
    deps.metrics?.eventLoopLag(lagP99);
    if (mono() - lastProbeMono >= (deps.dbProbeIntervalMs ?? 30_000)) {
      lastProbeMono = mono();
      probeWrite(now);
    }
    [sms, backup] = await Promise.all([fromProvider('sms', deps.smsHealth, sms), fromProvider('backup', deps.backupStatus, backup)]);
    measureDisk(now);
    const screen = deps.screen.screen();
    const watchdog = deps.watchdog();
    if (backup) deps.metrics?.backupState(backup.newestVerifiedAt, backup.verifiedCount);
    deps.metrics?.renderer(screen ? (now.getTime() - screen.receivedAt.getTime()) / 1000 : null, screen?.fps ?? null);
    const logFile = deps.logFile?.() ?? null;
    if (logFile) deps.metrics?.logLinesDropped(logFile.droppedLines);
    const readings: HealthReadings = {
      now,
      startedAt,
      faceRecognition: deps.faceRecognition(),
      dbWrite,
      dbLastSuccessAt,
      integrity,
      screen,
      recognizer: deps.screen.recognizer(now),
      disk,
      sms,
      outbox,
      backup,
      clockJumps: jumps,
      eventLoopP99Seconds: lagP99,
      watchdog,
      logFile,
      ...(deps.ignoredSettings ? { ignoredSettings: deps.ignoredSettings() } : {}),
    };
    current = buildHealth(readings, deps.identity);
    ready = readyDocument(current);
    seed = seedDocuments(readings, current, (mono() - startedMono) / 1000);
  }

  function seedDocuments(r: HealthReadings, doc: HealthDocument, uptime: number): SeedDocuments {
    const d = r.disk;
    const gb = (b: number) => Math.round((b / 1024 ** 3) * 100) / 100;
    const healthy = (ok: boolean) => (ok ? 'healthy' : 'unhealthy');
    const check = (k: string) => doc.checks[k]?.[0];
    const database =
      dbCountsError || !dbCounts || !r.dbWrite?.ok
        ? { status: 'unhealthy', connectivity: 'failed', error: dbCountsError ?? (r.dbWrite && !r.dbWrite.ok ? r.dbWrite.code : 'not measured yet') }
        : {
            status: healthy(check('sqlite:integrity')?.status === 'pass'),
            connectivity: 'ok',
            queue_size: r.outbox?.pending ?? null,
            total_records: dbCounts.total,
            today_scans: dbCounts.today,
            size_mb: Math.round((dbCounts.sizeBytes / 1024 ** 2) * 100) / 100,
            write_ms: Math.round(r.dbWrite.ms * 100) / 100,
          };
    // 'healthy' only when frames arrive at a working rate: a paused, stalled or slow camera (fps 0) is
    // 'degraded', and one that failed or whose page went away is 'unhealthy'.
    const cameraCheck = check('camera:frameAge');
    const camera = r.screen
      ? {
          status: cameraCheck?.status === 'pass' ? 'healthy' : cameraCheck?.status === 'warn' ? 'degraded' : 'unhealthy',
          ...(cameraCheck?.output ? { message: cameraCheck.output } : {}),
          last_refresh: r.screen.receivedAt.toISOString(),
          fps: r.screen.fps,
          camera_state: r.screen.cameraState,
          last_error: r.screen.error ?? null,
        }
      : { status: 'unknown', message: 'Camera status not available' };
    const wd = r.watchdog;
    return {
      system: {
        status: healthy(check('disk:utilization')?.status !== 'fail' && check('eventLoop:lag')?.status !== 'fail'),
        uptime_seconds: Math.round(uptime),
        uptime_hours: Math.round(uptime / 360) / 10,
        memory_mb: Math.round((process.memoryUsage().rss / 1024 ** 2) * 10) / 10,
        disk_usage: d
          ? { total_gb: gb(d.totalBytes), used_gb: gb(d.totalBytes - d.freeBytes), free_gb: gb(d.freeBytes), used_percent: d.totalBytes ? Math.round((1 - d.freeBytes / d.totalBytes) * 1000) / 10 : 0 }
          : null,
      },
      database,
      components: {
        camera,
        watchdog: {
          status: wd.outOfOrder ? 'out_of_order' : 'healthy',
          last_heartbeat: r.screen?.receivedAt.toISOString() ?? null,
          total_restarts: wd.restartsLastHour,
          last_action: wd.lastAction ? { action: wd.lastAction.action, reason: wd.lastAction.reason, at: wd.lastAction.at.toISOString() } : null,
        },
        backup: r.backup
          ? {
              status: healthy(check('backup:age')?.status !== 'fail'),
              total_backups: r.backup.verifiedCount,
              latest_backup: r.backup.newestVerifiedAt?.toISOString() ?? null,
              database_integrity: check('sqlite:integrity')?.status === 'pass' ? 'ok' : 'corrupted',
            }
          : { status: 'unknown', message: 'Backup status not available' },
        sms: r.sms
          ? { status: healthy(check('smsGateway:reachability')?.status === 'pass'), pending: r.sms.pending, consecutive_failures: r.sms.consecutiveFailures }
          : { status: 'unknown', message: 'SMS status not available' },
      },
    };
  }

  const sample = (): Promise<void> => {
    // One sample at a time; a request for a new one while one runs gets that one.
    sampling ??= sampleOnce()
      .catch((e: Error) => log.error('health sample failed', { error: e.message }))
      .finally(() => {
        sampling = null;
      });
    return sampling;
  };

  return {
    sample,
    /** The newest full document (never computed on request). */
    health(): HealthDocument | null {
      return current;
    },
    ready() {
      return ready;
    },
    /** The live probe reads only the event loop, which answering at all already proves mostly. */
    live() {
      return liveDocument(lagP99, clock.now());
    },
    seed: () => seed,
    /**
     * Whether systemd should keep this process: the database takes writes and the event loop turns.
     * A failing screen is the in-app watchdog's job; restarting the core would not fix it.
     */
    internalChecksPass(): boolean {
      if (!current) return false;
      return ['sqlite:responseTime', 'eventLoop:lag'].every((k) => current!.checks[k]?.[0]?.status !== 'fail');
    },
    async start() {
      if (!deps.eventLoopP99) loop = eventLoopSampler();
      checkIntegrity();
      await sample();
      timer = setInterval(() => void sample(), deps.intervalMs ?? 10_000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await sampling;
      loop?.stop();
    },
  };
}

export type HealthMonitor = ReturnType<typeof createHealthMonitor>;
