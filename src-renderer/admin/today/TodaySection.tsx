// At-a-glance numbers for the day, from the same status the kiosk shows.
import { useEffect, useState } from 'react';
import type { KioskStatus } from '../../../src-preload/contract';
import type { AdminSectionProps } from '../section';

export function TodaySection({ api }: AdminSectionProps) {
  const [status, setStatus] = useState<KioskStatus | null>(null);
  useEffect(() => {
    let live = true;
    void api.invoke('kiosk:status', {}).then((s) => live && setStatus(s));
    return () => { live = false; };
  }, [api]);
  if (!status) return <p className="admin-muted">Loading…</p>;
  return (
    <dl className="admin-stats">
      <dt>Date</dt>
      <dd>{status.localDate}</dd>
      <dt>Session</dt>
      <dd>{status.session ?? 'none'}</dd>
      <dt>Checked in</dt>
      <dd data-testid="today-checked-in">{status.checkedInToday}</dd>
    </dl>
  );
}
