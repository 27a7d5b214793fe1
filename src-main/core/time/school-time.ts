// Instants are stored in UTC; the school's IANA zone applies only at the edges, where a person reads
// or configures a wall-clock time. Only Node's Intl is used, so the zone rules are the ICU ones that
// ship with Node.
import type { Weekday } from '../config/schema.js';

/** An instant as the school's wall clock shows it. */
export interface SchoolTime {
  /** 'YYYY-MM-DD' */
  date: string;
  /** 'HH:MM:SS', 24-hour */
  time: string;
  /** 'HH:MM', 24-hour */
  hhmm: string;
  /** Seconds since local midnight as the clock reads it (0..86399), not seconds elapsed since then. */
  secondsOfDay: number;
  weekday: Weekday;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: Weekday;
}

// Building a DateTimeFormat is far slower than using one, and the kiosk asks on every frame.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'long',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function wallClock(instant: Date, timeZone: string): WallClock {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) parts[p.type] = p.value;
  const num = (k: string) => Number(parts[k]);
  return {
    year: num('year'),
    month: num('month'),
    day: num('day'),
    // hourCycle h23 should never say 24, but some engines have printed midnight as "24:00".
    hour: num('hour') % 24,
    minute: num('minute'),
    second: num('second'),
    weekday: parts.weekday!.toLowerCase() as Weekday,
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function toSchoolTime(instant: Date, timeZone: string): SchoolTime {
  const w = wallClock(instant, timeZone);
  const hhmm = `${pad(w.hour)}:${pad(w.minute)}`;
  return {
    date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`,
    time: `${hhmm}:${pad(w.second)}`,
    hhmm,
    secondsOfDay: w.hour * 3600 + w.minute * 60 + w.second,
    weekday: w.weekday,
  };
}

/** Seconds since midnight of 'HH:MM' or 'HH:MM:SS' (24-hour). Throws on anything else. */
export function parseTimeOfDay(time: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/.exec(time);
  if (!m) throw new Error(`"${time}" is not a time of day HH:MM or HH:MM:SS (24-hour)`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0);
}

/** The date's local wall-clock reading at `secondsOfDay`, written as if the zone were UTC. */
function wallAsUtcMs(date: string, secondsOfDay: number): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  // Date.UTC rolls 2026-02-30 over into March; a round trip catches that.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new Error(`"${date}" is not a calendar date YYYY-MM-DD`);
  }
  return ms + secondsOfDay * 1000;
}

/** How far the zone's wall clock is ahead of UTC at this instant, in ms. */
function offsetMs(instantMs: number, timeZone: string): number {
  const w = wallClock(new Date(instantMs), timeZone);
  const wallMs = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  // Intl drops milliseconds, so compare against the instant truncated to the second.
  return wallMs - Math.floor(instantMs / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * The UTC instant at which the school's clock reads `time` on `date`.
 *
 * Twice a year a wall-clock time is not one instant:
 * - in a spring-forward gap (Europe/London 2026-03-29 01:30 never happens) this returns the instant
 *   just after the gap, i.e. the first instant the clock shows a later time (02:00 BST);
 * - in a fall-back overlap (Europe/London 2026-10-25 01:30 happens twice) this returns the earlier
 *   of the two instants (01:30 BST, not 01:30 GMT).
 */
export function schoolLocalToUtc(date: string, time: string, timeZone: string): Date {
  const wall = wallAsUtcMs(date, parseTimeOfDay(time));
  // A day either side of the wall time sits outside any transition near it, so these are the
  // offsets in force before and after one.
  const before = offsetMs(wall - DAY_MS, timeZone);
  const after = offsetMs(wall + DAY_MS, timeZone);
  const matches = [wall - before, wall - after].filter((t) => t + offsetMs(t, timeZone) === wall);
  if (matches.length > 0) return new Date(Math.min(...matches));

  // In the gap: the transition lies between the two candidates. Zone transitions fall on whole
  // seconds, so bisecting to one second finds it exactly.
  let lo = wall - after; // still on the old offset
  let hi = wall - before; // already on the new one
  while (hi - lo > 1000) {
    const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
    if (offsetMs(mid, timeZone) === before) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/**
 * The school day `date` as UTC instants: `start` is local midnight and `end` the next local midnight
 * (exclusive). On DST days the span is 23 or 25 hours.
 */
export function schoolDateToUtcRange(date: string, timeZone: string): { start: Date; end: Date } {
  const next = new Date(wallAsUtcMs(date, 0) + DAY_MS).toISOString().slice(0, 10);
  return {
    start: schoolLocalToUtc(date, '00:00', timeZone),
    end: schoolLocalToUtc(next, '00:00', timeZone),
  };
}
