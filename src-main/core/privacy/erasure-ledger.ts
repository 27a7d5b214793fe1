// The record of every deletion of a student's biometric data. It lives in two places: an append-only
// table (so it travels with the database and shows in exports) and <data>/erasures.jsonl, fsync'd
// before the deletion runs. A backup restore rolls the database back but not the file, so the file is
// what lets a restored backup re-apply deletions made after the backup was taken.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export type ErasureReason = 'request' | 'withdrawn' | 'archived' | 'unused';

export interface ErasureRecord {
  erasureId: string;
  studentId: number;
  studentNumber: string;
  reason: ErasureReason;
  /** Staff name or 'retention'; never a child's name. */
  requestedBy: string;
  occurredAt: string;
  templatesDeleted: number;
  photosDeleted: number;
  /**
   * Keyed fingerprints of the templates deleted, when only some of a student's templates went (unused
   * ones); null means every template of the student made up to occurredAt.
   */
  fingerprints: string[] | null;
}

export interface ErasureLedger {
  readonly file: string;
  append(record: ErasureRecord): void;
  readAll(): ErasureRecord[];
}

export function createErasureLedger(file: string): ErasureLedger {
  return {
    file,
    append(record) {
      const isNew = !existsSync(file);
      const fd = openSync(file, 'a', 0o600);
      try {
        writeSync(fd, JSON.stringify(record) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      // A new file's directory entry must reach the disk too, or a power cut can lose the whole file.
      if (isNew && process.platform !== 'win32') {
        const dirFd = openSync(dirname(file), 'r');
        try {
          fsyncSync(dirFd);
        } finally {
          closeSync(dirFd);
        }
      }
    },
    readAll() {
      if (!existsSync(file)) return [];
      const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
      const out: ErasureRecord[] = [];
      lines.forEach((line, i) => {
        try {
          out.push(JSON.parse(line) as ErasureRecord);
        } catch (e) {
          // Only the last line can be torn (a crash mid-append); anything else is damage worth stopping for.
          if (i !== lines.length - 1) throw new Error(`${file} line ${i + 1} is not valid JSON: ${(e as Error).message}`);
        }
      });
      return out;
    },
  };
}
