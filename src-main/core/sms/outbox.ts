// The SMS outbox: rows written with the check-in, drained by the dispatcher. All times are UTC ISO strings
// (`Date.toISOString()`), which sort as text, so "due" and "expired" are plain string comparisons.
import type { Db } from '../db/open.js';
import { messageIdFor } from './message-id.js';

export type SmsType = 'check_in' | 'check_out' | 'late_arrival';
export const outboxStates = ['queued', 'sending', 'accepted', 'sent', 'delivered', 'failed', 'expired'] as const;
export type OutboxState = (typeof outboxStates)[number];

export interface NewSms {
  idempotencyKey: string;
  type: SmsType;
  studentId: number;
  guardianId: number;
  attendanceId: number;
  phoneE164: string;
  body: string;
  priority: number;
  now: Date;
  ttlSeconds: number;
}

/** A row the dispatcher has claimed and must now send. */
export interface ClaimedSms {
  id: number;
  messageId: string;
  phoneE164: string;
  body: string;
  attempts: number;
  expiresAt: Date;
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
      priority: msg.priority,
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
  return db
    .prepare(`UPDATE sms_outbox SET state = 'queued', updated_at = ? WHERE state = 'sending'`)
    .run(now.toISOString()).changes;
}

/** Queued rows past their TTL become `expired` and are never sent; returns their ids. */
export function expireOverdue(db: Db, now: Date): number[] {
  const rows = db
    .prepare(`UPDATE sms_outbox SET state = 'expired', updated_at = @now WHERE state = 'queued' AND expires_at <= @now RETURNING id`)
    .all({ now: now.toISOString() }) as { id: number }[];
  return rows.map((r) => r.id);
}

/**
 * Takes the most urgent due row (priority first, then oldest) and marks it `sending`, counting the
 * attempt before it is made: an attempt cut short by a crash still reached, or may have reached, the
 * gateway.
 */
export function claimNextDue(db: Db, now: Date): ClaimedSms | undefined {
  const row = db
    .prepare(
      `UPDATE sms_outbox SET state = 'sending', attempts = attempts + 1, updated_at = @now
       WHERE id = (SELECT id FROM sms_outbox
                   WHERE state = 'queued' AND next_attempt_at <= @now AND expires_at > @now
                   ORDER BY priority DESC, id LIMIT 1)
       RETURNING id, message_id, phone_e164, body, attempts, expires_at`,
    )
    .get({ now: now.toISOString() }) as
    | { id: number; message_id: string; phone_e164: string; body: string; attempts: number; expires_at: string }
    | undefined;
  if (!row) return undefined;
  return {
    id: row.id,
    messageId: row.message_id,
    phoneE164: row.phone_e164,
    body: row.body,
    attempts: row.attempts,
    expiresAt: new Date(row.expires_at),
  };
}

/** The gateway holds the message (202, or 409 for one it already had). */
export function markAccepted(db: Db, id: number, now: Date): void {
  db.prepare(`UPDATE sms_outbox SET state = 'accepted', updated_at = ? WHERE id = ?`).run(now.toISOString(), id);
}

/** The gateway refused this message for good (e.g. invalid); the reason is kept for the operator. */
export function markFailed(db: Db, id: number, reason: string, now: Date): void {
  db.prepare(`UPDATE sms_outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?`).run(reason, now.toISOString(), id);
}

/** Back to the queue until `nextAttemptAt`, keeping the reason for the operator. */
export function scheduleRetry(db: Db, id: number, retry: { reason: string; nextAttemptAt: Date; now: Date }): void {
  db.prepare(`UPDATE sms_outbox SET state = 'queued', last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?`).run(
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
