// IT's backup area: is the newest verified backup recent, take one now, restore one (with a second,
// explicit confirmation), and the last recovery with the window of attendance it lost.
import { useCallback, useEffect, useState } from 'react';
import type { BackupEntry, BackupOverview, KioskStatus, RecoverySummary } from '../../../src-preload/contract';
import type { AdminSectionProps } from '../section';
import './backups.css';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

function ago(seconds: number | null): string {
  if (seconds === null) return 'never';
  if (seconds < 90) return `${Math.max(0, Math.round(seconds))} s ago`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min ago`;
  return `${(seconds / 3600).toFixed(1)} h ago`;
}

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function BackupsSection({ api }: AdminSectionProps) {
  const [overview, setOverview] = useState<BackupOverview | null>(null);
  const [school, setSchool] = useState<Pick<KioskStatus, 'timezone' | 'locale'> | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<BackupEntry | null>(null);
  const [notice, setNotice] = useState<Notice>(null);

  const refresh = useCallback(() => api.invoke('backup:list', {}).then(setOverview), [api]);
  useEffect(() => {
    void refresh();
    void api.invoke('kiosk:status', {}).then((s) => setSchool({ timezone: s.timezone, locale: s.locale }));
  }, [api, refresh]);

  const when = (iso: string | null) =>
    iso === null
      ? 'the beginning'
      : new Intl.DateTimeFormat(school?.locale, { timeZone: school?.timezone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));

  async function backupNow() {
    setBusy('backup');
    setNotice(null);
    try {
      const r = await api.invoke('backup:now', {});
      setNotice(r.ok ? { kind: 'ok', text: `Backup taken and verified (${megabytes(r.backup.bytes)}).` } : { kind: 'error', text: `Backup failed: ${r.error}` });
    } finally {
      setBusy(null);
      await refresh();
    }
  }

  async function restore(entry: BackupEntry) {
    setBusy('restore');
    setConfirming(null);
    setNotice(null);
    try {
      const r = await api.invoke('backup:restore', { file: entry.file });
      setNotice(
        r.ok
          ? { kind: 'ok', text: `Restored the backup of ${when(entry.takenAt)}. The previous database is kept as ${r.safetyCopy.split(/[\\/]/).pop()}.` }
          : { kind: 'error', text: r.error },
      );
    } finally {
      setBusy(null);
      await refresh();
    }
  }

  if (!overview) return <p className="admin-muted">Loading…</p>;
  const { status, disk } = overview;
  const stale = status.ageSeconds === null || status.ageSeconds > status.intervalMinutes * 60 * 1.25;

  return (
    <div className="backups" data-testid="backups-section">
      {overview.lastRecovery && <RecoveryBanner recovery={overview.lastRecovery} when={when} />}
      {disk.state !== 'ok' && (
        <p className={`backups-notice ${disk.state === 'full' ? 'error' : 'warn'}`} data-testid="backups-disk">
          Disk: {disk.reason} ({megabytes(disk.freeBytes)} free)
        </p>
      )}
      <dl className="admin-stats">
        <dt>Newest verified backup</dt>
        <dd className={stale ? 'backups-stale' : ''} data-testid="backups-age">
          {status.lastVerifiedAt ? `${when(status.lastVerifiedAt)} (${ago(status.ageSeconds)})` : 'none yet'}
        </dd>
        <dt>Backups kept</dt>
        <dd data-testid="backups-count">
          {status.count} of {status.keep}, every {status.intervalMinutes} min
        </dd>
        {status.lastError && (
          <>
            <dt>Last failure</dt>
            <dd className="backups-error">
              {when(status.lastError.at)}: {status.lastError.message}
            </dd>
          </>
        )}
      </dl>
      <p>
        <button type="button" className="backups-button" disabled={busy !== null || status.running} onClick={() => void backupNow()}>
          {busy === 'backup' || status.running ? 'Backing up…' : 'Back up now'}
        </button>
      </p>
      {notice && <p className={`backups-notice ${notice.kind}`} role="status">{notice.text}</p>}
      {confirming && (
        <div className="backups-confirm" role="alertdialog" aria-label="Confirm restore">
          <p>
            Restore the backup of <strong>{when(confirming.takenAt)}</strong>? Attendance recorded after it will no longer be on
            the kiosk; the current database is kept aside as a safety copy.
          </p>
          <button type="button" className="backups-button danger" onClick={() => void restore(confirming)}>
            Restore this backup
          </button>
          <button type="button" className="backups-button plain" onClick={() => setConfirming(null)}>
            Cancel
          </button>
        </div>
      )}
      <table className="backups-table">
        <thead>
          <tr>
            <th>Taken</th>
            <th>Students</th>
            <th>Attendance rows</th>
            <th>Size</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {overview.backups.map((b) => (
            <tr key={b.file}>
              <td>{when(b.takenAt)}</td>
              <td>{b.students}</td>
              <td>{b.attendance}</td>
              <td>{megabytes(b.bytes)}</td>
              <td>
                <button type="button" className="backups-button plain" disabled={busy !== null} onClick={() => setConfirming(b)}>
                  Restore…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function RecoveryBanner({ recovery, when }: { recovery: RecoverySummary; when: (iso: string | null) => string }) {
  const what =
    recovery.kind === 'manual_restore'
      ? `A backup was restored on ${when(recovery.detectedAt)}.`
      : `On ${when(recovery.detectedAt)} the database was found ${recovery.reason} and ${
          recovery.restoredFrom ? 'the newest good backup was restored' : 'no backup could be used; the kiosk started with an empty database'
        }.`;
  return (
    <div className="backups-notice warn" data-testid="backups-recovery">
      <p>{what}</p>
      {recovery.attendanceAfterBackup === 0 ? (
        <p>No check-ins were recorded after the backup: nothing is lost.</p>
      ) : recovery.attendanceAfterBackup ? (
        <p>
          {recovery.attendanceAfterBackup} {recovery.attendanceAfterBackup === 1 ? 'check-in' : 'check-ins'} recorded between{' '}
          <strong>{when(recovery.lostFrom)}</strong> and <strong>{when(recovery.lostUntil)}</strong> {recovery.attendanceAfterBackup === 1 ? 'is' : 'are'} not in
          the restored database; check them against the class registers.
        </p>
      ) : (
        <p>
          May be missing: anything recorded between <strong>{when(recovery.lostFrom)}</strong> and <strong>{when(recovery.lostUntil)}</strong>;
          check it against the class registers.
        </p>
      )}
    </div>
  );
}
