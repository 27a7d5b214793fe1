// The end-of-day notice: students last seen arriving and never seen leaving, and their guardians' texts.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { effectiveRecords, standingExcuses } from '../attendance/effective.js';
import type { EffectiveRecord } from '../attendance/session-state.js';
import { schoolLocalToUtc } from '../time/school-time.js';
import { NoticesHeld } from './absence-report.js';
import { queueNotices, type NoticeSubject, type QueuedNotices } from './notices.js';

export interface NoCheckoutList {
  /** Students with a check-in today. */
  came: number;
  notCheckedOut: NoticeSubject[];
}

/**
 * A student whose last record today (as corrected) is a check-in: in at 07:10 and out at 12:05 but in
 * again at 12:50 with no check-out after is reported, for the afternoon; one who checked out after
 * their last check-in is not, nor one excused for the rest of the day. The text's {time} is that last
 * arrival.
 */
export function noCheckoutList(db: Db, cfg: Config, localDate: string): NoCheckoutList {
  const last = new Map<number, EffectiveRecord>();
  const came = new Set<number>();
  for (const r of effectiveRecords(db, localDate, localDate)) {
    last.set(r.studentId, r);
    if (r.kind === 'check_in') came.add(r.studentId);
  }
  const active = db
    .prepare('SELECT id, student_number AS studentNumber, first_name AS firstName, last_name AS lastName FROM students WHERE archived_at IS NULL ORDER BY student_number')
    .all() as Array<{ id: number; studentNumber: string; firstName: string; lastName: string }>;
  // The office excused an absence from the session of the last arrival or a later one: it knows the
  // student left (collected at 10:00 for the dentist), so there is nothing to tell the family.
  const order = new Map(cfg.schedule.sessions.map((c, i) => [c.name, i]));
  const excused = standingExcuses(db, localDate, localDate).filter((e) => e.kind === 'absence');
  const notCheckedOut: NoticeSubject[] = [];
  for (const s of active) {
    const r = last.get(s.id);
    if (r?.kind !== 'check_in') continue;
    const from = order.get(r.session) ?? 0;
    if (excused.some((e) => e.studentId === s.id && (order.get(e.session) ?? -1) >= from)) continue;
    notCheckedOut.push({
      studentId: s.id,
      studentNumber: s.studentNumber,
      firstName: s.firstName,
      lastName: s.lastName,
      session: r.session,
      at: schoolLocalToUtc(localDate, r.localTime, cfg.school.timezone),
      minutesLate: r.minutesLate,
    });
  }
  return { came: came.size, notCheckedOut };
}

/**
 * Queues the notice's texts. Held (nothing queued, the job fails visibly) when more than
 * `holdAbovePercent` of those who came never checked out: check-out is then not being recorded (the
 * kiosk was off at home time, or the school does not use it) and the texts would only alarm.
 */
export function runNoCheckoutNotice(db: Db, cfg: Config, localDate: string, now: Date): NoCheckoutList & QueuedNotices {
  const list = noCheckoutList(db, cfg, localDate);
  const limit = cfg.schedule.noCheckoutNotice.holdAbovePercent;
  if (list.notCheckedOut.length * 100 > limit * list.came) {
    throw new NoticesHeld(
      `no-check-out notice held: ${list.notCheckedOut.length} of ${list.came} students who came did not check out (over ${limit} %); ` +
        'check-out may not have been recorded, so no texts were sent',
    );
  }
  return { ...list, ...queueNotices(db, cfg, 'no_checkout', localDate, now, list.notCheckedOut) };
}
