// When a downloaded update may be installed: inside the school's maintenance window (school-local
// wall clock, may cross midnight) and only when nobody has been at the kiosk for a while, so a
// restart never swallows a check-in.
import { parseTimeOfDay, toSchoolTime } from '../time/school-time.js';

export interface InstallContext {
  now: Date;
  timezone: string;
  /** ["02:00", "04:00"], school-local; start after end means the window crosses midnight. */
  window: readonly [string, string];
  /** Last time anyone used the kiosk (a face seen, a card, a PIN); null if nobody since start. */
  lastPresenceAt: Date | null;
  quietMinutes: number;
}

export type InstallDecision =
  | { install: true }
  | { install: false; reason: 'outside_window' | 'someone_recently_present' };

export function inMaintenanceWindow(now: Date, timezone: string, window: readonly [string, string]): boolean {
  const t = toSchoolTime(now, timezone).secondsOfDay;
  const start = parseTimeOfDay(window[0]);
  const end = parseTimeOfDay(window[1]);
  if (start === end) return false;
  return start < end ? t >= start && t < end : t >= start || t < end;
}

export function installDecision(ctx: InstallContext): InstallDecision {
  if (!inMaintenanceWindow(ctx.now, ctx.timezone, ctx.window)) return { install: false, reason: 'outside_window' };
  if (ctx.lastPresenceAt && ctx.now.getTime() - ctx.lastPresenceAt.getTime() < ctx.quietMinutes * 60_000) {
    return { install: false, reason: 'someone_recently_present' };
  }
  return { install: true };
}
