// Whether a queued text still says something true, asked just before it goes to the provider. The
// events that make a text untrue (the office removes the record, the child turns up, the office
// excuses the absence, the student is archived) withhold the rows they can; a row whose earlier
// attempt may have reached the provider is left alone then, and decided here once the provider has
// said it never got it.
import type { Db } from '../db/open.js';

export const REMOVED_RECORD_REASON = 'not sent: the office removed the attendance record';

/** Why the text must not be sent, or null when it still stands. */
export function unwantedReason(db: Db, outboxId: number): string | null {
  const row = db
    .prepare(
      `SELECT o.type, o.attendance_id AS attendanceId, o.student_id AS studentId, o.idempotency_key AS key, s.archived_at AS archivedAt
         FROM sms_outbox o LEFT JOIN students s ON s.id = o.student_id WHERE o.id = ?`,
    )
    .get(outboxId) as { type: string; attendanceId: number | null; studentId: number | null; key: string; archivedAt: string | null } | undefined;
  if (!row) return null;
  if (row.attendanceId !== null && !db.prepare('SELECT 1 FROM attendance_effective WHERE id = ?').get(row.attendanceId)) return REMOVED_RECORD_REASON;
  if (row.type !== 'absence' && row.type !== 'no_checkout') return null;
  if (row.archivedAt) return 'not sent: the student was archived before this text was sent';
  // The notice's key is `${kind}:${localDate}:...` (see daily-notices/notices.ts).
  const localDate = row.key.slice(row.type.length + 1, row.type.length + 11);
  const notice = db
    .prepare('SELECT withdrawn_reason AS reason FROM daily_notices WHERE kind = ? AND local_date = ? AND student_id = ? AND withdrawn_at IS NOT NULL')
    .get(row.type, localDate, row.studentId) as { reason: string | null } | undefined;
  return notice ? `${notice.reason ?? 'notice withdrawn'}, before this text was sent` : null;
}

/** Ends a queued row `expired` with the reason; false if it was no longer queued. */
export function withholdQueued(db: Db, outboxId: number, reason: string, now: Date): boolean {
  return (
    db
      .prepare(`UPDATE sms_outbox SET state = 'expired', last_error = ?, outcome_unknown = 0, updated_at = ? WHERE id = ? AND state = 'queued'`)
      .run(reason, now.toISOString(), outboxId).changes === 1
  );
}
