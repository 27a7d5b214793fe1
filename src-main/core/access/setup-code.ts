// The one-time code that first-run setup asks for before anyone may choose the admin PINs. Without
// it, whoever first found the admin corner of a freshly installed kiosk (a curious student) could
// set the PINs and own it. The code sits in a file in the data folder that only the kiosk's account
// can read, so knowing it proves access to the machine, as `admin:reset-pins` already assumes.
// The file is the truth: the CLI may write a new one while the kiosk runs, and setup deletes it.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const SETUP_CODE_FILE = 'setup-code.txt';
export const SETUP_CODE_DIGITS = 8;

export interface SetupCode {
  /** Where IT finds the code; shown on the setup screen. */
  readonly file: string;
  /** The current code, creating the file (owner-only) when there is none. */
  ensure(): string;
  /** Starts over with a new code (after `admin:reset-pins`). */
  renew(): string;
  matches(code: string): boolean;
  /** Setup succeeded: the code must not work a second time. */
  consume(): void;
}

export function setupCodeIn(dataDir: string, random: (n: number) => Buffer = randomBytes): SetupCode {
  const file = join(dataDir, SETUP_CODE_FILE);

  const read = (): string | null => {
    try {
      return /^(\d{8})$/m.exec(readFileSync(file, 'utf8'))?.[1] ?? null;
    } catch {
      return null;
    }
  };

  const write = (): string => {
    const code = randomDigits(SETUP_CODE_DIGITS, random);
    const text =
      'Rollcall first-run setup code. The admin screen asks for it once, before the IT and office PINs are chosen.\n' +
      `${code}\n`;
    rmSync(file, { force: true });
    writeFileSync(file, text, { mode: 0o600, flag: 'wx' });
    // The mode above is filtered by the umask; this makes it exactly owner read/write.
    chmodSync(file, 0o600);
    return code;
  };

  return {
    file,
    ensure: () => read() ?? write(),
    renew: write,
    matches(code) {
      const current = read();
      if (!current) return false;
      const digest = (s: string) => createHash('sha256').update(s).digest();
      return timingSafeEqual(digest(code.trim()), digest(current));
    },
    consume: () => rmSync(file, { force: true }),
  };
}

/** Uniform digits: bytes of 250 and over are skipped so no digit is likelier than another. */
function randomDigits(n: number, random: (n: number) => Buffer): string {
  let out = '';
  while (out.length < n) {
    for (const b of random(n * 2)) {
      if (b < 250 && out.length < n) out += String(b % 10);
    }
  }
  return out;
}
