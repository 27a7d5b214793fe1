import { toSchoolTime } from '../time/school-time.js';

/** "2026-12-07 07:52" in the school's zone: stored instants are UTC, printed pages are local. */
export function schoolLocal(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const t = toSchoolTime(new Date(iso), timeZone);
  return `${t.date} ${t.hhmm}`;
}
