// `npm run admin:reset-pins -- --data-dir DIR`: forgets both admin PINs (a lost IT PIN), so the admin
// screen asks for new ones. Safe while the kiosk runs: the core reads the PINs at each sign-in.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../core/db/open.js';
import { createAuditLog } from '../core/audit/audit-log.js';
import { resetAdminPins } from '../core/access/admin-access.js';
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
    process.stdout.write('Admin PINs cleared. The admin screen will ask for new IT and office PINs.\n');
  } finally {
    db.close();
  }
});
