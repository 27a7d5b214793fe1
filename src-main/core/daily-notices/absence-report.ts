// The day's absence report: who has not come, in the words of the board (records as corrected,
// excuses standing, "absent" once a session's check-in has closed), and their guardians' texts.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { effectiveRecords, standingExcuses } from '../attendance/effective.js';
import { sessionPhase } from '../attendance/session-state.js';
import { schoolLocalToUtc, toSchoolTime } from '../time/school-time.js';
import { noticeMessageIds, queueNotices, type NoticeSubject, type QueuedNotices } from './notices.js';

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

/** Attendance a backup restore lost (backup/recoveries.ts): recorded in this window, not in the database. */
export interface LostWindow {
  /** null: everything before `until`. */
  from: Date | null;
  until: Date;
}

export interface AbsenceReportOptions {
  /** The last restore's lost window, if there was a restore. */
  lost?: LostWindow | null;
  /** Whether the provider already has this text (sms/sent-ledger.ts): a report that ran before a restore. */
  alreadySent?: (messageId: string) => boolean;
  /** The office has put the records right after a hold and asks for the texts now. */
  confirmedByOffice?: boolean;
}

/** The lost window overlaps today's check-in (first session's opening to now): arrivals may be missing. */
export function lostDuringCheckIn(cfg: Config, localDate: string, now: Date, lost: LostWindow | null | undefined): boolean {
  if (!lost || cfg.schedule.sessions.length === 0) return false;
  const opens = Math.min(...cfg.schedule.sessions.map((s) => schoolLocalToUtc(localDate, s.checkIn[0], cfg.school.timezone).getTime()));
  return lost.until.getTime() >= opens && (lost.from === null || lost.from.getTime() <= now.getTime());
}

/**
 * Queues the report's texts. Held (nothing queued, the job fails visibly) when more than
 * `holdAbovePercent` of the roll would be reported: a kiosk that was off or could not record during
 * check-in would otherwise tell every family their child is missing. Held too after a backup restore
 * that lost part of today's check-in: the arrivals it lost are not in the records, so the report would
 * tell their families they have not come. Then only the notices whose texts the provider already has
 * (the report ran before the restore) are put back on record, and the office re-runs it once the
 * records are right (confirmedByOffice).
 */
export function runAbsenceReport(db: Db, cfg: Config, localDate: string, now: Date, opts: AbsenceReportOptions = {}): AbsenceList & QueuedNotices {
  const list = absenceList(db, cfg, localDate, now);
  if (!opts.confirmedByOffice && lostDuringCheckIn(cfg, localDate, now, opts.lost)) {
    const sent = opts.alreadySent;
    const told = sent
      ? list.absent.filter((s) => {
          const ids = noticeMessageIds(db, 'absence', localDate, s);
          return ids.length > 0 && ids.every(sent);
        })
      : [];
    const kept = queueNotices(db, cfg, 'absence', localDate, now, told);
    const from = opts.lost!.from ? toSchoolTime(opts.lost!.from, cfg.school.timezone).hhmm : 'the start';
    const until = toSchoolTime(opts.lost!.until, cfg.school.timezone).hhmm;
    throw new NoticesHeld(
      `absence report held: a backup restore lost the records from ${from} to ${until}, during today's check-in, so arrivals may be missing; ` +
        `no new absence texts were sent (${kept.reported} already sent before the restore kept on record). ` +
        'Check the day\'s records, then send the absence texts from the admin screen',
    );
  }
  const limit = cfg.schedule.absenceReport.holdAbovePercent;
  if (list.absent.length * 100 > limit * list.onRoll) {
    throw new NoticesHeld(
      `absence report held: ${list.absent.length} of ${list.onRoll} students have no arrival (over ${limit} %); ` +
        'the kiosk may not have been recording, so no absence texts were sent',
    );
  }
  return { ...list, ...queueNotices(db, cfg, 'absence', localDate, now, list.absent) };
}
