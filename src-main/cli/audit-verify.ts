// `npm run audit:verify -- --data-dir DIR` walks the hash-chained audit log and says whether anything
// was edited or removed. Opens the database read-only: checking must never change what it checks.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { verifyAuditLog } from '../core/audit/audit-log.js';
import { parseFlags, runCli, UsageError } from './args.js';

const USAGE = 'npm run audit:verify -- --data-dir DIR';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { 'data-dir': { type: 'string' } }, USAGE);
  if (!flags['data-dir']) throw new UsageError(`--data-dir is required\n\nUsage: ${USAGE}`);
  const file = join(resolve(flags['data-dir']), 'rollcall.db');
  if (!existsSync(file)) throw new Error(`No kiosk database in ${flags['data-dir']}`);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const r = verifyAuditLog(db);
    if (r.ok) {
      process.stdout.write(`Audit log intact: ${r.rows} entries, every hash matches\n`);
    } else {
      process.stderr.write(`Audit log BROKEN at entry ${r.brokenAt} (after ${r.rows - 1} good entries): ${r.reason}\n`);
      process.exitCode = 1;
    }
  } finally {
    db.close();
  }
});
