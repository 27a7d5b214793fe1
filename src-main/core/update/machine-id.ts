// A stable id for this machine, for the staged rollout. Linux has /etc/machine-id (systemd); where
// there is none (Windows), a random id is made once and kept in the data folder.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export function stableMachineId(opts: { candidates: string[]; fallbackFile: string }): string {
  for (const file of [...opts.candidates, opts.fallbackFile]) {
    try {
      const id = readFileSync(file, 'utf8').trim();
      if (id) return id;
    } catch {
      // not there: try the next
    }
  }
  const id = randomUUID();
  mkdirSync(dirname(opts.fallbackFile), { recursive: true });
  writeFileSync(opts.fallbackFile, id);
  return id;
}
