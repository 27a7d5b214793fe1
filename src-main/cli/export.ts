// `npm run export -- --data-dir DIR --from YYYY-MM-DD --to YYYY-MM-DD` prints attendance as CSV.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '../core/db/open.js';
import { attendanceCsv } from '../core/attendance/report.js';
import { parseFlags, runCli, UsageError } from './args.js';

const USAGE = 'npm run export -- --data-dir DIR --from YYYY-MM-DD --to YYYY-MM-DD';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    'data-dir': { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
  }, USAGE);
  if (!flags['data-dir'] || !flags.from || !flags.to) throw new UsageError(`--data-dir, --from and --to are required\n\nUsage: ${USAGE}`);
  const file = join(resolve(flags['data-dir']), 'rollcall.db');
  if (!existsSync(file)) throw new Error(`No kiosk database in ${flags['data-dir']}`);
  const db = openDatabase(file);
  try {
    for (const line of attendanceCsv(db, flags.from, flags.to)) process.stdout.write(line + '\n');
  } finally {
    db.close();
  }
});
