// The day's absence report: who has not come, in the words of the board (records as corrected,
// excuses standing, "absent" once a session's check-in has closed), and their guardians' texts.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { effectiveRecords, standingExcuses } from '../attendance/effective.js';
import { sessionPhase } from '../attendance/session-state.js';
import { schoolLocalToUtc, toSchoolTime } from '../time/school-time.js';
import { queueNotices, type NoticeSubject, type QueuedNotices } from './notices.js';

export interface AbsenceList {
  /** Students on the roll for the report: not archived, on the roster before check-in closed. */
  onRoll: number;
  /** Absent with nothing excused, each with the first session they are reported for. */
  absent: NoticeSubject[];
  /** Absent from every closed session, all of them excused. */
  excused: number;
}

interface StudentRow {
  id: number;
  studentNumber: string;
  firstName: string;
  lastName: string;
  createdAt: string;
}

/**
 * Reported: a student with no record at all today (no arrival, not even a check-out) whose absence
 * from at least one session whose check-in has closed by `now` is not excused; the text names the
 * first such session. A student who came to any session today is not reported: the report is once a
 * day, about a child who has not been seen.
 */
export function absenceList(db: Db, cfg: Config, localDate: string, now: Date): AbsenceList {
  const tz = cfg.school.timezone;
  const local = toSchoolTime(now, tz);
  const closed = cfg.schedule.sessions.filter((s) => sessionPhase(s, localDate, local.date, local.secondsOfDay) === 'after');
  if (closed.length === 0) return { onRoll: 0, absent: [], excused: 0 };
  const closes = new Map(closed.map((s) => [s.name, schoolLocalToUtc(localDate, s.checkIn[1], tz)]));
  const firstClose = new Date(Math.min(...[...closes.values()].map((d) => d.getTime()))).toISOString();
  const students = db
    .prepare(
      `SELECT id, student_number AS studentNumber, first_name AS firstName, last_name AS lastName, created_at AS createdAt
         FROM students WHERE archived_at IS NULL ORDER BY student_number`,
    )
    .all() as StudentRow[];
  // A student added after check-in closed could not have checked in: not absent, only new.
  const onRoll = students.filter((s) => s.createdAt <= firstClose);
  const seen = new Set(effectiveRecords(db, localDate, localDate).map((r) => r.studentId));
  const excusedFor = new Map<number, Set<string>>();
  for (const e of standingExcuses(db, localDate, localDate)) {
    if (e.kind !== 'absence') continue;
    let set = excusedFor.get(e.studentId);
    if (!set) excusedFor.set(e.studentId, (set = new Set()));
    set.add(e.session);
  }
  const absent: NoticeSubject[] = [];
  let excused = 0;
  for (const s of onRoll) {
    if (seen.has(s.id)) continue;
    const session = closed.find((c) => !excusedFor.get(s.id)?.has(c.name));
    if (!session) {
      excused++;
      continue;
    }
    absent.push({ studentId: s.id, studentNumber: s.studentNumber, firstName: s.firstName, lastName: s.lastName, session: session.name, at: closes.get(session.name)!, minutesLate: 0 });
  }
  return { onRoll: onRoll.length, absent, excused };
}

/** The report would name more of the roll than the school allows: the kiosk was likely off or blind. */
export class NoticesHeld extends Error {}

/**
 * Queues the report's texts. Held (nothing queued, the job fails visibly) when more than
 * `holdAbovePercent` of the roll would be reported: a kiosk that was off or could not record during
 * check-in would otherwise tell every family their child is missing.
 */
export function runAbsenceReport(db: Db, cfg: Config, localDate: string, now: Date): AbsenceList & QueuedNotices {
  const list = absenceList(db, cfg, localDate, now);
  const limit = cfg.schedule.absenceReport.holdAbovePercent;
  if (list.absent.length * 100 > limit * list.onRoll) {
    throw new NoticesHeld(
      `absence report held: ${list.absent.length} of ${list.onRoll} students have no arrival (over ${limit} %); ` +
        'the kiosk may not have been recording, so no absence texts were sent',
    );
  }
  return { ...list, ...queueNotices(db, cfg, 'absence', localDate, now, list.absent) };
}
