// What IT does on a new kiosk before choosing the admin PINs: read the one-time setup code from the
// data folder (src-main/core/access/setup-code.ts).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SETUP_CODE_FILE } from '../core/access/setup-code.js';

export function readSetupCode(dataDir: string): string {
  const code = /^(\d{8})$/m.exec(readFileSync(join(dataDir, SETUP_CODE_FILE), 'utf8'))?.[1];
  if (!code) throw new Error(`no setup code in ${join(dataDir, SETUP_CODE_FILE)}`);
  return code;
}
