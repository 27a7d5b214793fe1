// What happens to a removed record's texts. A text still waiting in the outbox, never tried, would
// tell a guardian something the school now says did not happen, so it is withheld (it ends
// `expired`, with the reason). A text already handed to the provider may have arrived and cannot be
// called back: it stays as it is, on file in the outbox; the office speaks to the family.
import type { Db } from '../db/open.js';

export const WITHHELD_REASON = 'not sent: the office removed the attendance record';

/** Runs inside the void's transaction, so the dispatcher either claimed a text first or never will. */
export function withholdUnsentTexts(db: Db, attendanceId: number, now: Date): number {
  return db
    .prepare(
      `UPDATE sms_outbox SET state = 'expired', last_error = ?, updated_at = ?
        WHERE attendance_id = ? AND state = 'queued' AND attempts = 0 AND outcome_unknown = 0`,
    )
    .run(WITHHELD_REASON, now.toISOString(), attendanceId).changes;
}
