// The SMS outbox: rows written with the check-in, drained by the dispatcher. All times are UTC ISO strings
// (`Date.toISOString()`), which sort as text, so "due" and "expired" are plain string comparisons.
import type { Db } from '../db/open.js';
import { messageIdFor } from './message-id.js';
import { priorityOf, type OutboxType } from './message-types.js';

export type { SmsType } from './message-types.js';
export const outboxStates = ['queued', 'sending', 'accepted', 'sent', 'delivered', 'failed', 'expired'] as const;
export type OutboxState = (typeof outboxStates)[number];
/** States a provider or a delivery report can move a row to. */
export type DeliveryState = 'accepted' | 'sent' | 'delivered' | 'failed';

/** States only move forward: a late `sms:sent` never undoes `delivered`, nor a report a failure. */
const rankSql = `CASE state WHEN 'queued' THEN 0 WHEN 'sending' THEN 0 WHEN 'accepted' THEN 1 WHEN 'sent' THEN 2 ELSE 3 END`;
const rankOf: Record<DeliveryState, number> = { accepted: 1, sent: 2, delivered: 3, failed: 3 };

export interface NewSms {
  idempotencyKey: string;
  type: OutboxType;
  studentId: number | null;
  guardianId: number | null;
  attendanceId: number | null;
  phoneE164: string;
  body: string;
  /** Defaults to the type's priority (absence and late first). */
  priority?: number;
  now: Date;
  ttlSeconds: number;
}

/** A row the dispatcher has claimed and must now send. */
export interface ClaimedSms {
  id: number;
  messageId: string;
  type: OutboxType;
  phoneE164: string;
  body: string;
  attempts: number;
  expiresAt: Date;
}

/** The next row the dispatcher should handle, not yet claimed. */
export interface DueSms extends Omit<ClaimedSms, 'attempts'> {
  attempts: number;
  /** An earlier attempt may have reached the provider: ask it before sending again. */
  outcomeUnknown: boolean;
  providerMessageId: string | null;
  claimedAt: Date | null;
}

/**
 * Adds one text to the outbox unless a row with the same idempotency key exists (a second sighting of
 * the same face, a retried request). Runs inside the caller's transaction, next to the attendance row,
 * so the two commit or vanish together; it must not open a transaction of its own.
 */
export function enqueueSms(db: Db, msg: NewSms): { inserted: boolean } {
  const now = msg.now.toISOString();
  const result = db
    .prepare(
      `INSERT INTO sms_outbox (idempotency_key, message_id, type, student_id, guardian_id, attendance_id,
         phone_e164, body, priority, state, attempts, next_attempt_at, expires_at, created_at, updated_at)
       VALUES (@key, @messageId, @type, @studentId, @guardianId, @attendanceId,
         @phone, @body, @priority, 'queued', 0, @now, @expiresAt, @now, @now)
       ON CONFLICT (idempotency_key) DO NOTHING`,
    )
    .run({
      key: msg.idempotencyKey,
      messageId: messageIdFor(msg.idempotencyKey),
      type: msg.type,
      studentId: msg.studentId,
      guardianId: msg.guardianId,
      attendanceId: msg.attendanceId,
      phone: msg.phoneE164,
      body: msg.body,
      priority: msg.priority ?? priorityOf[msg.type],
      now,
      expiresAt: new Date(msg.now.getTime() + msg.ttlSeconds * 1000).toISOString(),
    });
  return { inserted: result.changes === 1 };
}

/**
 * Rows left `sending` by a crash go back to the queue. Resending them is safe because the gateway id is
 * deterministic: if the first attempt did reach the phone, the resend is answered 409.
 */
export function requeueInterruptedSends(db: Db, now: Date): number {
  // Whether the interrupted request got through is unknown; the provider is asked before any resend.
  return db
    .prepare(`UPDATE sms_outbox SET state = 'queued', outcome_unknown = 1, updated_at = ? WHERE state = 'sending'`)
    .run(now.toISOString()).changes;
}

/**
 * Queued rows past their TTL become `expired` and are never sent; returns their ids. A row whose last
 * attempt may have reached the provider is left for the dispatcher to ask about first: it may have gone out.
 */
export function expireOverdue(db: Db, now: Date): number[] {
  const rows = db
    .prepare(
      `UPDATE sms_outbox SET state = 'expired', last_error = COALESCE(last_error || '; ', '') || 'not sent within its time to live',
         updated_at = @now WHERE state = 'queued' AND expires_at <= @now AND outcome_unknown = 0 RETURNING id`,
    )
    .all({ now: now.toISOString() }) as { id: number }[];
  return rows.map((r) => r.id);
}

/** Queued rows of these types expire because quiet hours began before they could go; returns their ids. */
export function expireForQuietHours(db: Db, types: readonly OutboxType[], now: Date): number[] {
  if (types.length === 0) return [];
  const rows = db
    .prepare(
      `UPDATE sms_outbox SET state = 'expired', last_error = 'quiet hours began before it was sent', updated_at = ?
        WHERE state = 'queued' AND outcome_unknown = 0 AND type IN (${types.map(() => '?').join(', ')}) RETURNING id`,
    )
    .all(now.toISOString(), ...types) as { id: number }[];
  return rows.map((r) => r.id);
}

/**
 * Queued texts to a guardian that must no longer go (just marked do not contact, they stopped these
 * message types, or they are no longer this student's guardian) end `expired` with the reason, visibly, and are never sent; returns their ids. A row
 * whose last attempt may have reached the provider is included: it is not sent again.
 */
export function withdrawQueued(
  db: Db,
  guardianId: number,
  reason: string,
  now: Date,
  only: { types?: readonly string[]; studentId?: number } = {},
): number[] {
  const { types, studentId } = only;
  if (types && types.length === 0) return [];
  const typeFilter = types ? ` AND type IN (${types.map(() => '?').join(', ')})` : '';
  const studentFilter = studentId !== undefined ? ' AND student_id = ?' : '';
  const rows = db
    .prepare(`UPDATE sms_outbox SET state = 'expired', last_error = ?, updated_at = ? WHERE state = 'queued' AND guardian_id = ?${typeFilter}${studentFilter} RETURNING id`)
    .all(reason, now.toISOString(), guardianId, ...(types ?? []), ...(studentId !== undefined ? [studentId] : [])) as { id: number }[];
  return rows.map((r) => r.id);
}

/**
 * The send-time check: queued texts whose guardian is now marked do not contact, however that came
 * about (an edit, an import, a direct fix), end `expired` instead of going out; returns their ids.
 */
export function withdrawForDoNotContact(db: Db, now: Date): number[] {
  const rows = db
    .prepare(
      `UPDATE sms_outbox SET state = 'expired', last_error = 'not sent: the guardian is marked do not contact', updated_at = ?
        WHERE state = 'queued' AND guardian_id IN (SELECT id FROM guardians WHERE do_not_contact = 1) RETURNING id`,
    )
    .all(now.toISOString()) as { id: number }[];
  return rows.map((r) => r.id);
}

/** A guardian's number changed: their texts not yet tried go to the new number. Returns how many. */
export function readdressQueued(db: Db, guardianId: number, phoneE164: string, now: Date): number {
  return db
    .prepare(`UPDATE sms_outbox SET phone_e164 = ?, updated_at = ? WHERE state = 'queued' AND attempts = 0 AND guardian_id = ?`)
    .run(phoneE164, now.toISOString(), guardianId).changes;
}

interface DueRow {
  id: number;
  message_id: string;
  type: OutboxType;
  phone_e164: string;
  body: string;
  attempts: number;
  expires_at: string;
  outcome_unknown: number;
  provider_message_id: string | null;
  claimed_at: string | null;
}

/**
 * The most urgent due row (priority first, then oldest), without claiming it. A row never tried is due
 * whatever the clock says, so a clock stepped back does not hold back texts queued before the step.
 */
export function nextDue(db: Db, now: Date): DueSms | undefined {
  const row = db
    .prepare(
      `SELECT id, message_id, type, phone_e164, body, attempts, expires_at, outcome_unknown, provider_message_id, claimed_at
         FROM sms_outbox WHERE state = 'queued' AND (next_attempt_at <= @now OR attempts = 0) AND (expires_at > @now OR outcome_unknown = 1)
        ORDER BY outcome_unknown DESC, priority DESC, id LIMIT 1`,
    )
    .get({ now: now.toISOString() }) as DueRow | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    messageId: row.message_id,
    type: row.type,
    phoneE164: row.phone_e164,
    body: row.body,
    attempts: row.attempts,
    expiresAt: new Date(row.expires_at),
    outcomeUnknown: row.outcome_unknown === 1,
    providerMessageId: row.provider_message_id,
    claimedAt: row.claimed_at ? new Date(row.claimed_at) : null,
  };
}

/** When the earliest queued row is next due (for the dispatcher's timer), or undefined if none is queued. */
export function nextAttemptAt(db: Db): Date | undefined {
  const row = db.prepare(`SELECT MIN(next_attempt_at) AS at FROM sms_outbox WHERE state = 'queued'`).get() as { at: string | null };
  return row.at ? new Date(row.at) : undefined;
}

/** Marks a due row `sending`, counting the attempt; false if it is no longer queued. */
export function claim(db: Db, id: number, now: Date): boolean {
  return (
    db
      .prepare(
        `UPDATE sms_outbox SET state = 'sending', attempts = attempts + 1, claimed_at = @now, outcome_unknown = 0, updated_at = @now
          WHERE id = @id AND state = 'queued'`,
      )
      .run({ id, now: now.toISOString() }).changes === 1
  );
}

/** The gateway holds the message (202, or 409 for one it already had); returns whether the row moved. */
export function markAccepted(db: Db, id: number, now: Date, providerMessageId?: string): boolean {
  const moved = advanceState(db, id, 'accepted', now);
  if (providerMessageId) recordProviderMessageId(db, id, providerMessageId);
  return moved;
}

/** The provider's own id for the row (Twilio's SID), needed to match its status callbacks. */
export function recordProviderMessageId(db: Db, id: number, providerMessageId: string): void {
  db.prepare(`UPDATE sms_outbox SET provider_message_id = ? WHERE id = ?`).run(providerMessageId, id);
}

/** The gateway refused this message for good (e.g. invalid); the reason is kept for the operator. Returns whether the row moved. */
export function markFailed(db: Db, id: number, reason: string, now: Date): boolean {
  return (
    db
      .prepare(
        `UPDATE sms_outbox SET state = 'failed', last_error = ?, outcome_unknown = 0, updated_at = ? WHERE id = ? AND state IN ('queued', 'sending', 'accepted', 'sent')`,
      )
      .run(reason, now.toISOString(), id).changes === 1
  );
}

/**
 * Moves a row to `state` if that is forward from where it is (queued/sending → accepted → sent →
 * delivered or failed); returns whether it moved. A sent or delivered row also keeps when that happened.
 */
export function advanceState(db: Db, id: number, state: DeliveryState, at: Date, reason?: string): boolean {
  const moved = db
    .prepare(
      `UPDATE sms_outbox SET state = @state, outcome_unknown = 0, updated_at = @at,
         last_error = CASE WHEN @reason IS NULL THEN last_error ELSE @reason END,
         sent_at = CASE WHEN @state IN ('sent', 'delivered') AND sent_at IS NULL THEN @at ELSE sent_at END,
         delivered_at = CASE WHEN @state = 'delivered' THEN @at ELSE delivered_at END
       WHERE id = @id AND state <> 'expired' AND ${rankSql} < @rank`,
    )
    .run({ id, state, at: at.toISOString(), reason: reason ?? null, rank: rankOf[state] });
  return moved.changes === 1;
}

/** An attempt whose outcome is unknown (timeout after sending): queued again, to be reconciled first. */
export function markOutcomeUnknown(db: Db, id: number, retry: { reason: string; nextAttemptAt: Date; now: Date }): void {
  db.prepare(
    `UPDATE sms_outbox SET state = 'queued', outcome_unknown = 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state = 'sending'`,
  ).run(retry.reason, retry.nextAttemptAt.toISOString(), retry.now.toISOString(), id);
}

/** The provider says it never got the message: it may be sent again. */
export function clearOutcomeUnknown(db: Db, id: number): void {
  db.prepare(`UPDATE sms_outbox SET outcome_unknown = 0 WHERE id = ?`).run(id);
}

/** Back to the queue until `nextAttemptAt`, keeping the reason for the operator. */
export function scheduleRetry(db: Db, id: number, retry: { reason: string; nextAttemptAt: Date; now: Date }): void {
  db.prepare(
    `UPDATE sms_outbox SET state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? AND state IN ('queued', 'sending')`,
  ).run(
    retry.reason,
    retry.nextAttemptAt.toISOString(),
    retry.now.toISOString(),
    id,
  );
}

/** How many rows are in each state (every state present, zero if none), for health and metrics. */
export function outboxCounts(db: Db): Record<OutboxState, number> {
  const counts = Object.fromEntries(outboxStates.map((s) => [s, 0])) as Record<OutboxState, number>;
  const rows = db.prepare(`SELECT state, COUNT(*) AS n FROM sms_outbox GROUP BY state`).all() as { state: OutboxState; n: number }[];
  for (const r of rows) counts[r.state] = r.n;
  return counts;
}

/**
 * Takes the most urgent due row and marks it `sending`, counting the attempt before it is made: an
 * attempt cut short by a crash still reached, or may have reached, the gateway.
 */
export function claimNextDue(db: Db, now: Date): ClaimedSms | undefined {
  const due = nextDue(db, now);
  if (!due || !claim(db, due.id, now)) return undefined;
  return { id: due.id, messageId: due.messageId, type: due.type, phoneE164: due.phoneE164, body: due.body, attempts: due.attempts + 1, expiresAt: due.expiresAt };
}

/** A number a provider called invalid; texts to it fail at once until the office changes it. */
export function flagPhone(db: Db, phoneE164: string, reason: string, now: Date): void {
  db.prepare(
    `INSERT INTO guardian_phone_flags (phone_e164, reason, flagged_at) VALUES (?, ?, ?)
     ON CONFLICT (phone_e164) DO UPDATE SET reason = excluded.reason, flagged_at = excluded.flagged_at`,
  ).run(phoneE164, reason, now.toISOString());
}

export function phoneFlag(db: Db, phoneE164: string): { reason: string; flaggedAt: string } | undefined {
  return db.prepare(`SELECT reason, flagged_at AS flaggedAt FROM guardian_phone_flags WHERE phone_e164 = ?`).get(phoneE164) as
    | { reason: string; flaggedAt: string }
    | undefined;
}
