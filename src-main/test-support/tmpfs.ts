import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';

/**
 * A fresh tmpfs of `bytes` (needs root and mount(8)); unmounted when the test file ends. Returns the
 * folder, or a reason the drill cannot run here so the test can skip saying why.
 */
export function smallTmpfs(bytes: number): { dir: string } | { skip: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    return { skip: `cannot mount a tmpfs here (needs root): ${((e as { stderr?: Buffer }).stderr ?? '').toString().trim() || (e as Error).message}` };
  }
  after(() => {
    execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
    rmSync(dir, { recursive: true, force: true });
  });
  return { dir };
}

/** Fills the volume holding `file` to the last byte, as a runaway log would: big blocks, then smaller. */
export function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    for (const size of [1 << 20, 4096, 512, 1]) {
      const block = Buffer.alloc(size, 1);
      try {
        for (;;) writeSync(fd, block);
      } catch (e) {
        if ((e as { code?: string }).code !== 'ENOSPC') throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
}
