// Delivery reports from the providers: each verified event is stored raw first, durably, before the
// sender is answered (so nothing acknowledged is lost), then applied to the outbox after the answer. Applying is
// idempotent twice over: an event id is stored once, and a (message, recipient, state) is logged once,
// because the gateway can repeat an event under a new id and sends one `sms:delivered` per part.
import { z } from 'zod';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Metrics, SmsFailureReason } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import { advanceState, flagPhone, markFailed, type DeliveryState } from './outbox.js';
import { twilioBadNumberCodes, twilioState } from './providers/twilio.js';

/** The SMS Gateway envelope (§1.6), only the fields we use; everything else is allowed and kept raw. */
const smsGateEvent = z.object({
  id: z.string().min(1).max(128),
  event: z.string().min(1).max(64),
  deviceId: z.string().max(128).optional(),
  payload: z
    .object({
      messageId: z.string().min(1).max(128).optional(),
      recipient: z.string().max(128).nullable().optional(),
      phoneNumber: z.string().max(128).nullable().optional(),
      reason: z.string().max(2000).optional(),
      partsCount: z.number().optional(),
    })
    .passthrough(),
});

const gatewayStates: Record<string, DeliveryState> = { 'sms:sent': 'sent', 'sms:delivered': 'delivered', 'sms:failed': 'failed' };

/** A verified event as it is stored, raw, before anything is applied. */
export interface ReportEvent {
  /** The dedupe key: the gateway's event id, or Twilio's message SID with its status. */
  eventId: string;
  source: 'android-gateway' | 'twilio';
  body: string;
}

export type ReadResult = { kind: 'event'; event: ReportEvent } | { kind: 'ignored'; event: string } | { kind: 'invalid'; issues: string[] };

/** Reasons from the phone that mean the number itself is unusable (APP PhoneHelper). */
const badNumberReason = /invalid phone number|not mobile phone number/i;

/** A row that moved, counted once its transaction committed. */
type Moved = { state: DeliveryState; failure?: SmsFailureReason };

export function createDeliveryReports(deps: { db: Db; clock: Clock; log: Logger; metrics?: Metrics }) {
  const { db, clock, log } = deps;
  const insertEvent = db.prepare(
    `INSERT INTO sms_webhook_events (event_id, source, received_at, body) VALUES (?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
  );
  const pending = db.prepare(`SELECT event_id, source, body FROM sms_webhook_events WHERE applied_at IS NULL ORDER BY rowid LIMIT 200`);
  const markApplied = db.prepare(`UPDATE sms_webhook_events SET applied_at = ? WHERE event_id = ?`);
  const insertDelivery = db.prepare(
    `INSERT INTO sms_delivery_events (outbox_id, message_id, recipient, state, reason, occurred_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (message_id, recipient, state) DO NOTHING`,
  );
  const byMessageId = db.prepare(`SELECT id, phone_e164 FROM sms_outbox WHERE message_id = ?`);
  const byProviderId = db.prepare(`SELECT id, phone_e164 FROM sms_outbox WHERE provider_message_id = ?`);

  /** A verified SMS Gateway event, parsed here, after the signature was checked. */
  function readSmsGateEvent(parsed: unknown): ReadResult {
    const event = smsGateEvent.safeParse(parsed);
    if (!event.success) return { kind: 'invalid', issues: event.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`) };
    if (!gatewayStates[event.data.event]) return { kind: 'ignored', event: event.data.event };
    if (!event.data.payload.messageId) return { kind: 'invalid', issues: ['payload.messageId: required for ' + event.data.event] };
    return { kind: 'event', event: { eventId: event.data.id, source: 'android-gateway', body: JSON.stringify(event.data) } };
  }

  /** A verified Twilio status callback (all its form parameters). */
  function readTwilioCallback(params: Record<string, string>): ReadResult {
    const sid = params.MessageSid ?? params.SmsSid;
    const status = params.MessageStatus ?? params.SmsStatus;
    if (!sid || !status) return { kind: 'invalid', issues: ['MessageSid and MessageStatus are required'] };
    // Twilio sends no event id; a status is reported once per message, so the pair is one.
    return { kind: 'event', event: { eventId: `twilio:${sid}:${status}`, source: 'twilio', body: JSON.stringify(params) } };
  }

  /** Stores an event raw, once per id; runs inside the caller's transaction (the listener's group commit). */
  function store(event: ReportEvent): 'stored' | 'duplicate' {
    const r = insertEvent.run(event.eventId, event.source, clock.now().toISOString(), event.body);
    return r.changes === 1 ? 'stored' : 'duplicate';
  }

  /** Applies every stored event not yet applied (also those left by a stop in between); returns how many. */
  function applyPending(): number {
    let applied = 0;
    for (;;) {
      const rows = pending.all() as Array<{ event_id: string; source: 'android-gateway' | 'twilio'; body: string }>;
      if (rows.length === 0) return applied;
      // One commit for the batch: under a flood every event is already stored, and fsyncs are the cost.
      const moved: Moved[] = [];
      db.transaction(() => {
        for (const row of rows) {
          const m = row.source === 'android-gateway' ? applyGateway(JSON.parse(row.body) as z.infer<typeof smsGateEvent>) : applyTwilio(JSON.parse(row.body) as Record<string, string>);
          if (m) moved.push(m);
          markApplied.run(clock.now().toISOString(), row.event_id);
        }
      })();
      applied += rows.length;
      for (const m of moved) {
        deps.metrics?.smsReached(m.state);
        if (m.failure) deps.metrics?.smsFailed(m.failure);
      }
    }
  }

  function applyGateway(e: z.infer<typeof smsGateEvent>): Moved | null {
    const messageId = e.payload.messageId!;
    const state = gatewayStates[e.event]!;
    const outbox = byMessageId.get(messageId) as { id: number; phone_e164: string } | undefined;
    const recipient = e.payload.recipient ?? e.payload.phoneNumber ?? outbox?.phone_e164 ?? '';
    const reason = state === 'failed' ? (e.payload.reason ?? 'failed without a reason') : null;
    return apply(outbox, messageId, recipient, state, reason, reason !== null && badNumberReason.test(reason));
  }

  function applyTwilio(p: Record<string, string>): Moved | null {
    const sid = p.MessageSid ?? p.SmsSid!;
    const status = p.MessageStatus ?? p.SmsStatus!;
    const state = twilioState(status);
    const outbox = byProviderId.get(sid) as { id: number; phone_e164: string } | undefined;
    const code = Number(p.ErrorCode);
    const reason = state === 'failed' ? `Twilio ${status}${p.ErrorCode ? `, error ${p.ErrorCode}` : ''}` : null;
    return apply(outbox, sid, p.To ?? outbox?.phone_e164 ?? '', state, reason, twilioBadNumberCodes.has(code));
  }

  function apply(
    outbox: { id: number; phone_e164: string } | undefined,
    messageId: string,
    recipient: string,
    state: DeliveryState,
    reason: string | null,
    badNumber: boolean,
  ): Moved | null {
    const at = clock.now();
    if (!outbox) {
      // Someone else's text on a shared phone, or one older than our oldest backup.
      log.warn('delivery report for a message the outbox does not hold', { messageId, state });
      return null;
    }
    const logged = insertDelivery.run(outbox.id, messageId, recipient, state, reason, at.toISOString()).changes === 1;
    if (!logged) return null;
    if (state === 'failed') {
      const moved = markFailed(db, outbox.id, reason!, at);
      if (badNumber) flagPhone(db, outbox.phone_e164, reason!, at);
      return moved ? { state, failure: badNumber ? 'invalid_number' : 'undelivered' } : null;
    }
    return advanceState(db, outbox.id, state, at) ? { state } : null;
  }

  return { readSmsGateEvent, readTwilioCallback, store, applyPending };
}

export type DeliveryReports = ReturnType<typeof createDeliveryReports>;
