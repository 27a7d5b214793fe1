import type { Migration } from './types.js';

/**
 * What the SMS layer needs beyond the outbox itself:
 * - `sms_send_log`: one row per request that reached (or may have reached) the provider, the sliding
 *   window the rate limits are counted on. `rate_ms` is a timeline that never runs backwards (see
 *   sms/rate-limit.ts); `mono_ms` is the monotonic clock reading that anchors it across restarts.
 * - outbox columns for the provider's own id (Twilio's SID), an unknown outcome that must be
 *   reconciled before any resend, and when the row reached each delivery state.
 * - `sms_webhook_events`: every verified delivery report, raw, keyed by its event id, so a retry of the
 *   same event is answered 200 and applied once; applied later if the kiosk stopped in between.
 * - `sms_delivery_events`: the delivery log, one row per (message, recipient, state).
 * - `guardian_phone_flags`: numbers a provider called invalid, so the office can fix them.
 */
export const smsDelivery: Migration = {
  version: 10,
  name: 'sms send log, delivery reports, number flags',
  sql: `
    CREATE TABLE sms_send_log (
      id           INTEGER PRIMARY KEY,
      outbox_id    INTEGER REFERENCES sms_outbox(id),
      rate_ms      INTEGER NOT NULL,
      mono_ms      INTEGER NOT NULL,
      attempted_at TEXT NOT NULL
    );
    CREATE INDEX sms_send_log_rate ON sms_send_log(rate_ms);
    ALTER TABLE sms_outbox ADD COLUMN provider TEXT;
    ALTER TABLE sms_outbox ADD COLUMN provider_message_id TEXT;
    ALTER TABLE sms_outbox ADD COLUMN outcome_unknown INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE sms_outbox ADD COLUMN claimed_at TEXT;
    ALTER TABLE sms_outbox ADD COLUMN sent_at TEXT;
    ALTER TABLE sms_outbox ADD COLUMN delivered_at TEXT;
    CREATE INDEX sms_outbox_provider_id ON sms_outbox(provider_message_id);
    CREATE INDEX sms_outbox_guardian ON sms_outbox(guardian_id, created_at);
    CREATE TABLE sms_webhook_events (
      event_id    TEXT PRIMARY KEY,
      source      TEXT NOT NULL CHECK (source IN ('android-gateway', 'twilio')),
      received_at TEXT NOT NULL,
      body        TEXT NOT NULL,
      applied_at  TEXT
    );
    CREATE INDEX sms_webhook_events_pending ON sms_webhook_events(applied_at) WHERE applied_at IS NULL;
    CREATE TABLE sms_delivery_events (
      id          INTEGER PRIMARY KEY,
      outbox_id   INTEGER REFERENCES sms_outbox(id),
      message_id  TEXT NOT NULL,
      recipient   TEXT NOT NULL,
      state       TEXT NOT NULL,
      reason      TEXT,
      occurred_at TEXT NOT NULL,
      UNIQUE (message_id, recipient, state)
    );
    CREATE INDEX sms_delivery_events_outbox ON sms_delivery_events(outbox_id);
    CREATE TABLE guardian_phone_flags (
      phone_e164 TEXT PRIMARY KEY,
      reason     TEXT NOT NULL,
      flagged_at TEXT NOT NULL
    );
  `,
};
