// Quiet hours: no text to a parent between `from` and `to` on the school's clock (seed: 22:00-06:00).
// The window is half-open, [from, to): 22:00 is quiet, 06:00 is not. It may wrap midnight.
import { parseTimeOfDay, schoolLocalToUtc, toSchoolTime } from '../time/school-time.js';

/** If `now` falls in quiet hours, the instant they end; otherwise null. DST days use the real local times. */
export function quietHoursEnd(now: Date, quietHours: readonly [string, string] | null, timeZone: string): Date | null {
  if (!quietHours) return null;
  const [from, to] = quietHours.map(parseTimeOfDay) as [number, number];
  const local = toSchoolTime(now, timeZone);
  const s = local.secondsOfDay;
  const quiet = from < to ? s >= from && s < to : s >= from || s < to;
  if (!quiet) return null;
  // The end is `to` today when we are before it on the clock, else `to` tomorrow.
  const endDate = s < to ? local.date : nextDate(local.date);
  const end = schoolLocalToUtc(endDate, quietHours[1].length === 5 ? `${quietHours[1]}:00` : quietHours[1], timeZone);
  // A fall-back hour can put the computed end at or before now; quiet hours are then over.
  return end.getTime() > now.getTime() ? end : null;
}

function nextDate(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
