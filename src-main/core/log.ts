/** Structured logger handed to every service. Messages never carry names or phone numbers. */
/// <reference path="./pino-roll.d.ts" />
import pino from 'pino';
import pinoRoll from 'pino-roll';
import { join } from 'node:path';

export interface Logger {
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const emit = (level: string) => (msg: string, fields?: Record<string, unknown>) =>
    write(JSON.stringify({ t: new Date().toISOString(), level, msg, ...fields }));
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
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
}

/**
 * JSON lines into `<dir>/rollcall.<date>.<n>.log`, rotated daily and by size with pino-roll instead
 * of a hand-written rotator; a field that looks like a name or phone number is redacted as a second
 * line of defence.
 */
export async function fileLogger(opts: FileLoggerOptions): Promise<Logger & { close(): Promise<void> }> {
  const file = await pinoRoll({
    file: join(opts.dir, 'rollcall'),
    extension: '.log',
    frequency: 'daily',
    dateFormat: 'yyyy-MM-dd',
    size: opts.size ?? '10m',
    mkdir: true,
    limit: { count: opts.keep ?? 14 },
    // Written as they happen: the lines just before a crash or kill -9 are the ones worth having.
    sync: true,
  });
  const streams: pino.StreamEntry[] = [{ stream: file }];
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
    close: () =>
      new Promise<void>((resolve) => {
        p.flush(() => {
          file.once('close', () => resolve());
          file.end();
        });
      }),
  };
}
