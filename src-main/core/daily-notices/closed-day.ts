// The school closes a day after its notices were decided (a snow day declared at 07:40): nobody is
// "not at school" on a day it is closed, so the day's notices not yet sent are withdrawn.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { isSchoolDayOn } from '../attendance/school-days.js';
import { toSchoolTime } from '../time/school-time.js';
import { withdrawAllNotices } from './notices.js';

/** Called when the settings change; returns the texts withheld. */
export function withdrawNoticesIfClosedToday(db: Db, cfg: Config, now: Date): number {
  const today = toSchoolTime(now, cfg.school.timezone).date;
  if (isSchoolDayOn(cfg.schedule, today)) return 0;
  const holiday = cfg.schedule.holidays.find((h) => h.from <= today && today <= h.to);
  const reason = holiday?.name ? `the school is closed today (${holiday.name})` : 'the school is closed today';
  return db.transaction(() => withdrawAllNotices(db, { localDate: today, reason, now }))();
}
