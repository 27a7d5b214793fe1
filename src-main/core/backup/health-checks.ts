// The database-safety entries of /health, in the health+json check shape, with the thresholds of the
// reliability notes (1.4): backup:age pass < 75 min, warn to 6 h, fail beyond or with no backup;
// backup:count pass at the configured retention, warn below, fail at 0; sqlite:integrity fails while
// this run started from a restore that found nothing usable; disk fails while writes fail.
import type { DiskStatus } from '../db/disk-guard.js';
import type { RecoveryIncident } from './recoveries.js';
import type { BackupStatus } from './service.js';

export type CheckStatus = 'pass' | 'warn' | 'fail';

export interface HealthCheck {
  componentType: 'datastore' | 'component' | 'system';
  observedValue?: number | string;
  observedUnit?: string;
  status: CheckStatus;
  output?: string;
  time: string;
}

const PASS_AGE_S = 75 * 60;
const FAIL_AGE_S = 6 * 3600;

export function databaseSafetyChecks(input: {
  backup: BackupStatus;
  disk: DiskStatus;
  recovery: { atStartup: RecoveryIncident | null; last: RecoveryIncident | null };
  now: Date;
}): Record<string, HealthCheck[]> {
  const time = input.now.toISOString();
  const { backup, disk, recovery } = input;
  const age = backup.ageSeconds;
  const ageStatus: CheckStatus = age === null || age > FAIL_AGE_S ? 'fail' : age >= PASS_AGE_S ? 'warn' : 'pass';
  const countStatus: CheckStatus = backup.count === 0 ? 'fail' : backup.count < backup.keep ? 'warn' : 'pass';
  const started = recovery.atStartup;
  const integrity: HealthCheck = started
    ? {
        componentType: 'datastore',
        observedValue: started.reason,
        status: started.restoredFrom ? 'warn' : 'fail',
        output: started.restoredFrom
          ? `restored from a backup at start; attendance from ${started.lostFrom} to ${started.lostUntil} is missing`
          : 'no usable backup at start; running on a new, empty database',
        time,
      }
    : { componentType: 'datastore', observedValue: backup.lastIntegrity ?? 'ok', status: backup.lastIntegrity && backup.lastIntegrity !== 'ok' ? 'fail' : 'pass', time };
  return {
    'backup:age': [
      {
        componentType: 'component',
        observedValue: age ?? -1,
        observedUnit: 's',
        status: ageStatus,
        ...(backup.lastError ? { output: `last backup failed: ${backup.lastError.message}` } : age === null ? { output: 'no verified backup' } : {}),
        time,
      },
    ],
    'backup:count': [{ componentType: 'component', observedValue: backup.count, status: countStatus, time }],
    'sqlite:integrity': [integrity],
    'disk:reserve': [
      {
        componentType: 'system',
        observedValue: disk.freeBytes,
        observedUnit: 'bytes-free',
        status: disk.state === 'full' ? 'fail' : disk.state === 'reserve_in_use' ? 'warn' : 'pass',
        ...(disk.reason ? { output: disk.reason } : {}),
        time,
      },
    ],
  };
}
