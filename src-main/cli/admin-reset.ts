// `npm run admin:reset-pins -- --data-dir DIR`: forgets both admin PINs (a lost IT PIN) and prints a
// new one-time setup code, which the admin screen asks for before new PINs are chosen. Safe while the
// kiosk runs: the core reads the PINs and the code file at each attempt.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../core/db/open.js';
import { createAuditLog } from '../core/audit/audit-log.js';
import { resetAdminPins } from '../core/access/admin-access.js';
import { setupCodeIn } from '../core/access/setup-code.js';
import { systemClock } from '../core/time/clock.js';
import { parseFlags, runCli, UsageError } from './args.js';

const USAGE = 'npm run admin:reset-pins -- --data-dir DIR';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { 'data-dir': { type: 'string' } }, USAGE);
  if (!flags['data-dir']) throw new UsageError(`--data-dir is required\n\nUsage: ${USAGE}`);
  const file = join(resolve(flags['data-dir']), 'rollcall.db');
  if (!existsSync(file)) throw new Error(`No kiosk database in ${flags['data-dir']}`);
  const db = openDatabase(file);
  try {
    resetAdminPins(db, createAuditLog(db, systemClock));
    const setupCode = setupCodeIn(resolve(flags['data-dir']));
    const code = setupCode.renew();
    process.stdout.write(
      'Admin PINs cleared. The admin screen will ask for this one-time setup code, then for new IT and office PINs:\n\n' +
        `    ${code}\n\n(also in ${setupCode.file}, readable only by this account)\n`,
    );
  } finally {
    db.close();
  }
});
