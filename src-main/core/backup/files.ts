// Durable file moves: fsync the data, rename within one folder (atomic on one filesystem), fsync the
// folder so the rename itself survives a power cut. SQLite's sidecars always travel with their file.
import { closeSync, existsSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';

/** -wal and -shm belong to the file next to them; -journal is a rollback journal from DELETE mode. */
export const SIDECARS = ['-wal', '-shm', '-journal'] as const;

export function fsyncPath(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function writeFileDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncPath(dirname(path));
}

// The same through libuv's thread pool, for the running kiosk: on a busy disk one fsync can take
// hundreds of milliseconds (ext4 commits other files' data with it), which must not stall the loop.
export async function fsyncPathAsync(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function writeFileDurablyAsync(path: string, text: string): Promise<void> {
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await fsyncPathAsync(dirname(path));
}

/**
 * Moves a database and whichever sidecars it has to `to` (+ the same suffixes), so the moved file is
 * still openable with its own WAL and the old WAL can never be replayed into a new database.
 */
export function moveDatabase(from: string, to: string): string[] {
  const moved: string[] = [];
  for (const suffix of ['', ...SIDECARS]) {
    if (!existsSync(from + suffix)) continue;
    renameSync(from + suffix, to + suffix);
    moved.push(to + suffix);
  }
  fsyncPath(dirname(to));
  return moved;
}

/** 2026-12-07T08:00:00.000Z -> 20261207T080000Z, for file names. */
export function compactUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}
