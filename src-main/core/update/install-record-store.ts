// The install record survives the restart it causes: written atomically (temp file + rename) to
// the data folder before the new version starts, read by that version at start.
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { InstallRecord } from './rollback.js';

const recordSchema = z.object({
  from: z.string(),
  to: z.string(),
  installedAt: z.string(),
  starts: z.number().int().min(0),
  status: z.enum(['installing', 'confirmed', 'rolled_back']),
});

export interface InstallRecordStore {
  read(): InstallRecord | null;
  write(record: InstallRecord): void;
  clear(): void;
}

export function fileInstallRecordStore(file: string): InstallRecordStore {
  return {
    read() {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        return null;
      }
      const parsed = recordSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    },
    write(record) {
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, JSON.stringify(record, null, 2));
      renameSync(tmp, file);
    },
    clear() {
      rmSync(file, { force: true });
    },
  };
}
