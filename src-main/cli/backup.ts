// `npm run backup -- --data-dir DIR [--config FILE.json]`: takes a verified backup now, exactly as the
// hourly schedule does (online backup API, verified copy, publish by rename, prune to backup.keep).
// Safe while the kiosk runs.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../core/config/load.js';
import { openDatabase } from '../core/db/open.js';
import { jsonLogger } from '../core/log.js';
import { systemClock } from '../core/time/clock.js';
import { createBackupService } from '../core/backup/service.js';
import { parseFlags, runCli, UsageError } from './args.js';
import { defaultConfigPath } from './paths.js';

const USAGE = 'npm run backup -- --data-dir DIR [--config FILE.json]';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { 'data-dir': { type: 'string' }, config: { type: 'string' } }, USAGE);
  if (!flags['data-dir']) throw new UsageError(`--data-dir is required\n\nUsage: ${USAGE}`);
  const config = loadConfig({ defaultsPath: defaultConfigPath, overridePath: flags.config });
  const dataDir = resolve(flags['data-dir']);
  const file = join(dataDir, 'rollcall.db');
  // Opening a missing file would create an empty database and back that up.
  if (!existsSync(file)) throw new Error(`No database at ${file}; nothing to back up`);
  const db = openDatabase(file);
  try {
    const backups = createBackupService({ db, dataDir, clock: systemClock, log: jsonLogger(() => {}), settings: () => config.backup });
    const r = await backups.backupNow();
    if (!r.ok) throw new Error(`Backup failed; older backups were kept: ${r.error}`);
    const b = r.backup;
    process.stdout.write(
      `Backup ${b.path} verified (integrity ${b.integrity}; ${b.counts.students ?? 0} students, ${b.counts.attendance ?? 0} attendance rows; ` +
        `${b.bytes} bytes; copy ${b.backupMs} ms, check ${b.integrityMs} ms). ${backups.list().length} backups kept` +
        `${r.pruned.length ? `, ${r.pruned.length} older removed` : ''}.\n`,
    );
  } finally {
    db.close();
  }
});
