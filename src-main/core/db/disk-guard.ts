// Disk full without a crash or a restart. A reserve file (`<data>/.ballast`) holds space back; on the
// first SQLITE_FULL it is deleted so the write can be retried and the WAL checkpointed (a checkpoint
// needs room to grow the main file: measured, a full disk otherwise keeps the data stranded in -wal).
// The reserve is rebuilt once the disk has room again. A write that fails is never acknowledged, so
// nothing already confirmed to a student is lost; the failure is classified for health.
import { existsSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { Db } from './open.js';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';

export interface DiskGuardDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  log: Logger;
  ballastBytes: number;
  /** Free bytes on the data volume; default statfs. */
  freeBytes: (dir: string) => number;
  checkEveryMs?: number;
}

export interface DiskStatus {
  /** ok; reserve_in_use: the reserve was spent, writes work, free space is low; full: writes are failing. */
  state: 'ok' | 'reserve_in_use' | 'full';
  reason: string | null;
  freeBytes: number;
  ballastBytes: number;
  ballastPresent: boolean;
  lastFullAt: string | null;
}

export function freeBytesOn(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

export function isDiskFull(e: unknown): boolean {
  const code = (e as { code?: string } | null)?.code;
  return code === 'SQLITE_FULL' || code === 'ENOSPC';
}

const CHUNK = 1 << 20;


export function createDiskGuard(deps: DiskGuardDeps) {
  const { db, log, clock } = deps;
  const ballast = join(deps.dataDir, '.ballast');
  let failing: { at: string; message: string } | null = null;
  let lastFullAt: string | null = null;
  let timer: NodeJS.Timeout | null = null;

  const present = () => existsSync(ballast) && statSync(ballast).size >= deps.ballastBytes;

  /**
   * Real zeros, not a sparse file (a sparse reserve would hold back nothing), written a chunk at a time
   * through the async API so rebuilding 64 MiB never stalls the kiosk's event loop.
   */
  async function createBallast(): Promise<boolean> {
    if (deps.ballastBytes === 0 || present()) return true;
    if (deps.freeBytes(deps.dataDir) < 2 * deps.ballastBytes) return false;
    const tmp = `${ballast}.tmp`;
    const zeros = Buffer.alloc(Math.min(CHUNK, deps.ballastBytes));
    try {
      const fh = await open(tmp, 'w');
      try {
        for (let left = deps.ballastBytes; left > 0; left -= zeros.length) await fh.write(zeros, 0, Math.min(left, zeros.length));
        await fh.sync();
      } finally {
        await fh.close();
      }
      renameSync(tmp, ballast);
      log.info('disk reserve in place', { bytes: deps.ballastBytes });
      return true;
    } catch (e) {
      rmSync(tmp, { force: true });
      if (!isDiskFull(e)) throw e;
      return false;
    }
  }

  function release(e: unknown): boolean {
    lastFullAt = clock.now().toISOString();
    const had = existsSync(ballast);
    rmSync(ballast, { force: true });
    rmSync(`${ballast}.tmp`, { force: true });
    try {
      db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // Still no room; the retry below says whether writes work.
    }
    log.error('disk full; reserve released', { error: (e as Error).message, released: had });
    return had;
  }

  function noteFailure(e: unknown): void {
    failing = { at: clock.now().toISOString(), message: `${(e as { code?: string }).code ?? 'ENOSPC'}: ${(e as Error).message}` };
  }

  /**
   * Runs a database write. On a full disk it releases the reserve and retries once; if that fails too
   * the error is thrown (the request is not acknowledged) and status() reports `full` with the reason.
   */
  function guard<T>(write: () => T): T {
    const succeed = <V>(v: V): V => {
      failing = null;
      return v;
    };
    const retry = (e: unknown): T => {
      if (!isDiskFull(e)) throw e;
      if (!release(e)) {
        noteFailure(e);
        throw e;
      }
      try {
        return succeed(write());
      } catch (again) {
        if (isDiskFull(again)) noteFailure(again);
        throw again;
      }
    };
    let result: T;
    try {
      result = write();
    } catch (e) {
      return retry(e);
    }
    if (result instanceof Promise) return result.then(succeed, (e) => retry(e)) as T;
    return succeed(result);
  }

  async function tick(): Promise<void> {
    if (present()) return;
    // Room for the reserve again means room for writes: the next one will say if not.
    if (await createBallast()) failing = null;
  }

  return {
    guard,
    isDiskFull,
    /** Rebuilds the reserve when there is room; runs on a timer, callable by drills. */
    tick,
    status(): DiskStatus {
      const ballastPresent = present();
      const state = failing ? 'full' : ballastPresent || deps.ballastBytes === 0 ? 'ok' : 'reserve_in_use';
      const reason = failing
        ? `writes fail: ${failing.message} (since ${failing.at})`
        : state === 'reserve_in_use'
          ? `the ${deps.ballastBytes}-byte disk reserve is spent or could not be made; free space is low`
          : null;
      return { state, reason, freeBytes: deps.freeBytes(deps.dataDir), ballastBytes: deps.ballastBytes, ballastPresent, lastFullAt };
    },
    async start(): Promise<void> {
      await createBallast();
      if (timer) return;
      timer = setInterval(() => void tick().catch((e: Error) => log.error('disk reserve check failed', { error: e.message })), deps.checkEveryMs ?? 60_000);
      timer.unref();
    },
    stop(): void {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

export type DiskGuard = ReturnType<typeof createDiskGuard>;
