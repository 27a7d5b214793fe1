// `npm run restore -- --data-dir DIR [--backup FILE]`: puts a backup in place of the database while the
// kiosk is stopped. The backup is verified first (a refused one changes nothing); the current database
// is kept aside as `rollcall.db.before-restore-<UTC time>` with its sidecars. Without --backup the newest
// backup that verifies is used. The after-restore steps (privacy) run when the kiosk next starts.
import { join, resolve } from 'node:path';
import { jsonLogger } from '../core/log.js';
import { systemClock } from '../core/time/clock.js';
import { restoreOffline } from '../core/backup/restore.js';
import { describeLoss } from '../core/backup/lost-attendance.js';
import { parseFlags, runCli, UsageError } from './args.js';

const USAGE = 'npm run restore -- --data-dir DIR [--backup FILE]';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), { 'data-dir': { type: 'string' }, backup: { type: 'string' } }, USAGE);
  if (!flags['data-dir']) throw new UsageError(`--data-dir is required\n\nUsage: ${USAGE}`);
  const dataDir = resolve(flags['data-dir']);
  const r = restoreOffline({
    dataDir,
    dbFile: join(dataDir, 'rollcall.db'),
    clock: systemClock,
    log: jsonLogger(() => {}),
    backupFile: flags.backup ? resolve(flags.backup) : undefined,
  });
  const i = r.incident;
  for (const x of i.rejected) process.stdout.write(`warning: backup ${x.file} refused: ${x.problems.join('; ')}\n`);
  process.stdout.write(
    `Restored ${i.restoredFrom}${i.backupTakenAt ? ` (taken ${i.backupTakenAt})` : ''}.\n` +
      (r.safetyCopy ? `The previous database is kept as ${r.safetyCopy}.\n` : '') +
      `${describeLoss(i)}\n`,
  );
});
