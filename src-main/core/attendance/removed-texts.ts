// What happens to a removed record's texts. A text the provider has not accepted (never tried, or
// refused with "try again") would tell a guardian something the school now says did not happen, so
// it is withheld (it ends `expired`, with the reason). A text whose attempt may have reached the
// provider is left to the dispatcher, which asks the provider first and withholds it if it never got
// it (sms/still-wanted.ts). A text the provider accepted cannot be called back: it stays on file in
// the outbox; the office speaks to the family.
import type { Db } from '../db/open.js';
import { REMOVED_RECORD_REASON } from '../sms/still-wanted.js';

export const WITHHELD_REASON = REMOVED_RECORD_REASON;

/** Runs inside the void's transaction, so the dispatcher either claimed a text first or never will. */
export function withholdUnsentTexts(db: Db, attendanceId: number, now: Date): number {
  return db
    .prepare(
      `UPDATE sms_outbox SET state = 'expired', last_error = ?, updated_at = ?
        WHERE attendance_id = ? AND state = 'queued' AND outcome_unknown = 0`,
    )
    .run(WITHHELD_REASON, now.toISOString(), attendanceId).changes;
}

/**
 * The office undid a removal (restored the record as it was): texts the removal withheld and still
 * within their time to live are queued again, so the real arrival is texted. Only when the record
 * comes back as the same kind, since the text speaks of that kind. Runs inside the amend's transaction.
 */
export function requeueWithheldTexts(db: Db, attendanceId: number, now: Date): number {
  const at = now.toISOString();
  return db
    .prepare(
      `UPDATE sms_outbox SET state = 'queued', last_error = NULL, next_attempt_at = ?, updated_at = ?
        WHERE attendance_id = ? AND state = 'expired' AND last_error = ? AND expires_at > ?`,
    )
    .run(at, at, attendanceId, WITHHELD_REASON, at).changes;
}
