// Instants shown in the school's own locale and time zone (school.locale, school.timezone), never the
// browser's: a desk browser in another zone or language must read the same times as the kiosk.
import { useEffect, useState } from 'react';
import type { KioskApi, KioskStatus } from '../../src-preload/contract';

export type SchoolZone = Pick<KioskStatus, 'timezone' | 'locale'>;

export interface SchoolTime {
  /** '04/12/2026, 08:46' for en-GB. */
  dateTime(iso: string): string;
  /** '08:46' for en-GB. */
  time(iso: string): string;
}

export function schoolTime(zone: SchoolZone | null): SchoolTime {
  const opts = zone ? { timeZone: zone.timezone } : {};
  const dateTime = new Intl.DateTimeFormat(zone?.locale, { ...opts, dateStyle: 'short', timeStyle: 'short' });
  const time = new Intl.DateTimeFormat(zone?.locale, { ...opts, timeStyle: 'short' });
  return { dateTime: (iso) => dateTime.format(new Date(iso)), time: (iso) => time.format(new Date(iso)) };
}

/** The school's zone from kiosk:status (null until it answers). */
export function useSchoolZone(api: KioskApi): SchoolZone | null {
  const [zone, setZone] = useState<SchoolZone | null>(null);
  useEffect(() => {
    let live = true;
    void api.invoke('kiosk:status', {}).then((s) => live && setZone({ timezone: s.timezone, locale: s.locale }));
    return () => { live = false; };
  }, [api]);
  return zone;
}
