// A daily notice (absence, no check-out) for one student on one school day: the notice row and one
// outbox row per guardian who chose that text, written in one transaction; and its withdrawal when
// the student turns up, checks out or is excused before the texts went out.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { guardiansToNotify } from '../people/notify.js';
import { enqueueSms } from '../sms/outbox.js';
import { messageIdFor } from '../sms/message-id.js';
import { formatSchoolDate, formatSchoolTime, renderTemplate } from '../sms/templates.js';

export type NoticeKind = 'absence' | 'no_checkout';

/** Whom a notice is about and what its text says. */
export interface NoticeSubject {
  studentId: number;
  studentNumber: string;
  firstName: string;
  lastName: string;
  session: string;
  /** The moment the text speaks of (absence: when check-in closed; no check-out: the arrival). */
  at: Date;
  minutesLate: number;
}

export interface QueuedNotices {
  /** Students newly reported (a student reported earlier the same day is not reported again). */
  reported: number;
  texts: number;
}

/** The outbox key of one guardian's text of a notice: once per kind, day, student and phone. */
export function noticeKey(kind: NoticeKind, localDate: string, studentNumber: string, phoneE164: string): string {
  return `${kind}:${localDate}:${studentNumber}:${phoneE164}`;
}

/** The message ids the notice's texts would have (one per guardian who chose the text). */
export function noticeMessageIds(db: Db, kind: NoticeKind, localDate: string, s: Pick<NoticeSubject, 'studentId' | 'studentNumber'>): string[] {
  return guardiansToNotify(db, s.studentId, [kind]).map((g) => messageIdFor(noticeKey(kind, localDate, s.studentNumber, g.phoneE164)));
}

/**
 * Writes the notices in one transaction: all of them or, after a crash, none. The notice row makes it
 * once per student and day; the outbox key (kind, date, student number, phone) makes each text once
 * per guardian whatever runs twice, as the check-in keys do.
 */
export function queueNotices(db: Db, cfg: Config, kind: NoticeKind, localDate: string, now: Date, subjects: readonly NoticeSubject[]): QueuedNotices {
  const exists = db.prepare('SELECT 1 FROM daily_notices WHERE kind = ? AND local_date = ? AND student_id = ?');
  const insert = db.prepare(
    'INSERT INTO daily_notices (kind, local_date, student_id, session, decided_at, texts_queued) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const { timezone, locale, name: schoolName } = cfg.school;
  return db.transaction((): QueuedNotices => {
    let reported = 0;
    let texts = 0;
    for (const s of subjects) {
      if (exists.get(kind, localDate, s.studentId)) continue;
      const body = renderTemplate(cfg.sms.templates[kind], {
        student_name: `${s.firstName} ${s.lastName}`,
        first_name: s.firstName,
        time: formatSchoolTime(s.at, timezone, locale),
        date: formatSchoolDate(s.at, timezone, locale),
        school_name: schoolName,
        minutes_late: String(s.minutesLate),
        session: s.session,
      });
      let queued = 0;
      for (const g of guardiansToNotify(db, s.studentId, [kind])) {
        const r = enqueueSms(db, {
          idempotencyKey: noticeKey(kind, localDate, s.studentNumber, g.phoneE164),
          type: kind,
          studentId: s.studentId,
          guardianId: g.guardianId,
          attendanceId: null,
          phoneE164: g.phoneE164,
          body,
          now,
          ttlSeconds: cfg.sms.ttlMinutes[kind] * 60,
        });
        if (r.inserted) queued++;
      }
      insert.run(kind, localDate, s.studentId, s.session, now.toISOString(), queued);
      reported++;
      texts += queued;
    }
    return { reported, texts };
  }).immediate();
}

/**
 * The student is here after all (or excused): the day's notices of these kinds are withdrawn with the
 * reason ("arrived at 07:40"), and their texts not yet handed to the provider end `expired` with it
 * ("arrived at 07:40, before this text was sent"), visible in the delivery log. A
 * text whose earlier attempt may have reached the provider is left to the dispatcher: it asks the
 * provider first and, if the provider never got it, withholds it for the withdrawn notice
 * (sms/still-wanted.ts).
 * Runs inside the caller's transaction, next to the record that makes the notice untrue.
 */
export function withdrawNotices(
  db: Db,
  w: { studentId: number; localDate: string; kinds: readonly NoticeKind[]; reason: string; now: Date; /** Only a notice naming one of these. */ sessions?: readonly string[] },
): number {
  const now = w.now.toISOString();
  let expired = 0;
  for (const kind of w.kinds) {
    const notice = db.prepare('SELECT session FROM daily_notices WHERE kind = ? AND local_date = ? AND student_id = ? AND withdrawn_at IS NULL').get(kind, w.localDate, w.studentId) as
      | { session: string }
      | undefined;
    if (!notice || (w.sessions && !w.sessions.includes(notice.session))) continue;
    const withdrawn = db
      .prepare('UPDATE daily_notices SET withdrawn_at = ?, withdrawn_reason = ? WHERE kind = ? AND local_date = ? AND student_id = ? AND withdrawn_at IS NULL')
      .run(now, w.reason, kind, w.localDate, w.studentId).changes;
    if (withdrawn === 0) continue;
    const prefix = `${kind}:${w.localDate}:`;
    expired += db
      .prepare(
        `UPDATE sms_outbox SET state = 'expired', last_error = ?, updated_at = ?
          WHERE student_id = ? AND type = ? AND substr(idempotency_key, 1, ?) = ? AND state = 'queued' AND outcome_unknown = 0`,
      )
      .run(`${w.reason}, before this text was sent`, now, w.studentId, kind, prefix.length, prefix).changes;
  }
  return expired;
}

/**
 * Every notice of a student not yet withdrawn, on `localDate` or, without it, any day: the student was
 * archived, or the school closed that day after the report. Runs inside the caller's transaction.
 */
export function withdrawAllNotices(db: Db, w: { studentId?: number; localDate?: string; reason: string; now: Date }): number {
  const open = db
    .prepare(
      `SELECT DISTINCT student_id AS studentId, local_date AS localDate FROM daily_notices
        WHERE withdrawn_at IS NULL AND (@studentId IS NULL OR student_id = @studentId) AND (@localDate IS NULL OR local_date = @localDate)`,
    )
    .all({ studentId: w.studentId ?? null, localDate: w.localDate ?? null }) as Array<{ studentId: number; localDate: string }>;
  let expired = 0;
  for (const n of open) expired += withdrawNotices(db, { studentId: n.studentId, localDate: n.localDate, kinds: ['absence', 'no_checkout'], reason: w.reason, now: w.now });
  return expired;
}

/** A day's notices of one kind, for the admin screen and tests: who was reported, and which were withdrawn. */
export function noticesOn(db: Db, kind: NoticeKind, localDate: string) {
  return db
    .prepare(
      `SELECT s.student_number AS studentNumber, n.session, n.decided_at AS decidedAt, n.texts_queued AS textsQueued,
              n.withdrawn_at AS withdrawnAt, n.withdrawn_reason AS withdrawnReason
         FROM daily_notices n JOIN students s ON s.id = n.student_id
        WHERE n.kind = ? AND n.local_date = ? ORDER BY s.student_number`,
    )
    .all(kind, localDate) as Array<{ studentNumber: string; session: string; decidedAt: string; textsQueued: number; withdrawnAt: string | null; withdrawnReason: string | null }>;
}
