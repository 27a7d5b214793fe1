/** Structured logger handed to every service. Messages never carry names or phone numbers. */
/// <reference path="./pino-roll.d.ts" />
import pino from 'pino';
import pinoRoll from 'pino-roll';
import { chmodSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { guardLogStream, type LogFileHealth } from './log-space.js';

export type { LogFileHealth };

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  /** The file logger's own state (lines dropped on a full disk), for health and metrics. */
  fileHealth?(): LogFileHealth;
}

export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/**
 * A logger whose destination is set later: Electron's main process logs from its first line, but
 * knows its data folder (and so its log file) only once the app is ready.
 */
export function forwardingLogger(first: Logger): { log: Logger; use(next: Logger): void } {
  let current = first;
  const log: Logger = {
    info: (msg, fields) => current.info(msg, fields),
    warn: (msg, fields) => current.warn(msg, fields),
    error: (msg, fields) => current.error(msg, fields),
    fileHealth: () => current.fileHealth?.() ?? { droppedLines: 0, failing: false, lastError: null, lastErrorAt: null },
  };
  return {
    log,
    use(next) {
      current = next;
    },
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export interface FileLoggerOptions {
  /** `<data>/logs` */
  dir: string;
  /** A new file when the current one passes this size ('10m') and at least daily. */
  size?: string;
  /** Rotated files kept besides the current one. */
  keep?: number;
  /** Also write to stderr (serve mode under systemd: the journal). */
  stderr?: boolean;
  /** Free bytes on the log volume before writing resumes after a failed write (default 32 MiB). */
  resumeFreeBytes?: number;
  freeBytes?: (dir: string) => number;
}

/** Files an earlier version created world-readable become owner-only too; best effort, never fatal. */
function restrictLogFiles(dir: string): void {
  if (process.platform === 'win32') return;
  try {
    for (const f of readdirSync(dir)) if (/^rollcall\..*\.log$/.test(f)) chmodSync(join(dir, f), 0o600);
  } catch {
    // A log folder that cannot be listed is reported by the log's own health, not here.
  }
}

function openLogFile(opts: FileLoggerOptions) {
  return pinoRoll({
    file: join(opts.dir, 'rollcall'),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: opts.size ?? '10m',
    mkdir: true,
    limit: { count: opts.keep ?? 14 },
    // Written as they happen: the lines just before a crash or kill -9 are the ones worth having.
    sync: true,
    // Owner-only: the log says which device did what when, which is nobody else's business on the machine.
    mode: 0o600,
  });
}

/**
 * JSON lines into `<dir>/rollcall.<date>.<n>.log`, rotated daily and by size with pino-roll instead
 * of a hand-written rotator; a field that looks like a name or phone number is redacted as a second
 * line of defence. A write that fails (a full disk) never reaches the caller: lines are dropped and
 * counted until the disk has room again (log-space.ts).
 */
export async function fileLogger(opts: FileLoggerOptions): Promise<Logger & { close(): Promise<void> }> {
  let file: Awaited<ReturnType<typeof pinoRoll>>;
  try {
    file = await openLogFile(opts);
  } catch (e) {
    // No log file (an unwritable or full disk at start) must not stop the kiosk: stderr only, and health says so.
    const lastError = (e as { code?: string }).code ?? (e as Error).name;
    const stderrOnly = jsonLogger();
    stderrOnly.error('log file could not be opened; logging to stderr only', { dir: opts.dir, error: lastError });
    const at = new Date();
    return { ...stderrOnly, fileHealth: () => ({ droppedLines: 0, failing: true, lastError, lastErrorAt: at }), close: async () => {} };
  }
  restrictLogFiles(opts.dir);
  const guarded = guardLogStream(file, {
    dir: opts.dir,
    ...(opts.resumeFreeBytes !== undefined ? { resumeFreeBytes: opts.resumeFreeBytes } : {}),
    ...(opts.freeBytes ? { freeBytes: opts.freeBytes } : {}),
  });
  const streams: pino.StreamEntry[] = [{ stream: guarded }];
  if (opts.stderr) streams.push({ stream: process.stderr });
  const p = pino(
    {
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['name', 'phone', 'phone_e164', 'firstName', 'lastName', '*.name', '*.phone'], censor: '[redacted]' },
    },
    pino.multistream(streams),
  );
  const at = (level: 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => p[level](fields ?? {}, msg);
  return {
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    fileHealth: guarded.health,
    close: () =>
      new Promise<void>((resolve) => {
        file.once('close', () => resolve());
        // Ending would wait for the held line to reach a disk that has no room; the lines are already counted.
        if (guarded.failing()) file.destroy();
        else file.end();
      }),
  };
}
