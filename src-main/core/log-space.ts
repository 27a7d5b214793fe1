// Logging must never stop the kiosk. The log file shares the data disk with the database; when that
// disk fills, a write to the log fails with ENOSPC, and a sonic-boom stream with no error listener
// throws that out of whichever handler or timer happened to log. This sits in front of the file
// stream: a failed write is noted, later lines are dropped and counted (buffering them would eat the
// space the disk guard just freed for check-ins), and writing resumes once the disk has room again.
import { statfsSync } from 'node:fs';

/** What health and metrics say about the log file. */
export interface LogFileHealth {
  /** Lines not written to the file since start (the disk was full or the file unwritable). */
  droppedLines: number;
  /** The file is not being written now. */
  failing: boolean;
  /** The last write error's code (ENOSPC, EIO, ...), never a message that could quote a line. */
  lastError: string | null;
  lastErrorAt: Date | null;
}

/** The part of a sonic-boom stream the guard uses. */
export interface FileStream {
  write(chunk: string): boolean;
  on(event: 'error', listener: (e: Error & { code?: string }) => void): unknown;
}

export interface LogSpaceOptions {
  /** The log folder, whose volume's free space decides when writing resumes. */
  dir: string;
  /** Free bytes needed before writing again after a failure; default 32 MiB, well above the disk guard's reserve. */
  resumeFreeBytes?: number;
  freeBytes?: (dir: string) => number;
  now?: () => Date;
}

const systemFreeBytes = (dir: string): number => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

export function guardLogStream(file: FileStream, opts: LogSpaceOptions) {
  const resumeAt = opts.resumeFreeBytes ?? 32 * 1024 * 1024;
  const freeBytes = opts.freeBytes ?? systemFreeBytes;
  const now = opts.now ?? (() => new Date());
  let failing = false;
  let droppedLines = 0;
  let droppedSinceFailure = 0;
  let lastError: string | null = null;
  let lastErrorAt: Date | null = null;

  file.on('error', (e) => {
    failing = true;
    lastError = e.code ?? e.name;
    lastErrorAt = now();
  });

  const roomAgain = (): boolean => {
    try {
      return freeBytes(opts.dir) >= resumeAt;
    } catch {
      return false;
    }
  };

  return {
    /** The pino destination: one JSON line per call. */
    write(line: string): void {
      if (failing) {
        if (!roomAgain()) {
          droppedLines++;
          droppedSinceFailure++;
          return;
        }
        failing = false;
        // The gap is visible in the file itself, not only in health.
        file.write(JSON.stringify({ level: 'warn', time: now().toISOString(), pid: process.pid, msg: 'log lines dropped while the log could not be written', dropped: droppedSinceFailure, error: lastError }) + '\n');
        droppedSinceFailure = 0;
        if (failing) {
          droppedLines++;
          return;
        }
      }
      file.write(line);
    },
    failing: () => failing,
    health: (): LogFileHealth => ({ droppedLines, failing, lastError, lastErrorAt }),
  };
}
