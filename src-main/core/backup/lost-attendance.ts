// What a restore really loses: the attendance rows the replaced database holds that were recorded
// after the backup was taken. The window alone (backup time to restore time) says when something may
// be missing, not whether anything is.
import Database from 'better-sqlite3';
import type { Db } from '../db/open.js';
import type { RecoveryIncident } from './recoveries.js';

const COUNT_AFTER = 'SELECT COUNT(*) FROM attendance WHERE julianday(created_at) > julianday(?)';

/** Rows recorded after `backupTakenAt` in the open database, or null when it cannot be read. */
export function attendanceRecordedAfter(db: Pick<Db, 'prepare'>, backupTakenAt: string): number | null {
  try {
    return db.prepare(COUNT_AFTER).pluck().get(backupTakenAt) as number;
  } catch {
    return null;
  }
}

/** The same for a database file that is not open (the restore command, kiosk stopped). */
export function attendanceRecordedAfterInFile(file: string, backupTakenAt: string): number | null {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return attendanceRecordedAfter(db, backupTakenAt);
  } catch {
    return null;
  } finally {
    db?.close();
  }
}

/** The restore's loss in words, for the restore command and the logs. */
export function describeLoss(i: Pick<RecoveryIncident, 'lostFrom' | 'lostUntil' | 'attendanceAfterBackup'>): string {
  const n = i.attendanceAfterBackup;
  if (n === 0) return 'No check-ins were recorded after the backup: nothing is lost.';
  if (typeof n === 'number') return `${n} ${n === 1 ? 'check-in' : 'check-ins'} recorded after the backup ${n === 1 ? 'is' : 'are'} not in the restored database (recorded between ${i.lostFrom ?? 'an unknown time'} and ${i.lostUntil}).`;
  return `May be missing: anything recorded between ${i.lostFrom ?? 'an unknown time'} and ${i.lostUntil} (the replaced database could not be read to count it).`;
}
