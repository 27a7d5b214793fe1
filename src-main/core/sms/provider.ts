// What the dispatcher needs from an SMS sender. Providers turn every outside-world failure into an
// outcome; they do not throw for a gateway that is down or says no.
import type { DeliveryState } from './outbox.js';

export interface SmsToSend {
  /** Deterministic per outbox row, so a resend is recognised by the gateway. */
  messageId: string;
  phoneE164: string;
  text: string;
  /** Seconds the gateway may keep trying; after that the text is stale and must not go out. */
  ttlSeconds: number;
}

/**
 * `reason` is the provider's own words, safe to log (never the number or the text). `detail` is what the
 * gateway said; it can echo the request, so it is stored on the outbox row for the operator and never
 * logged.
 */
export type SendOutcome =
  | {
      kind: 'accepted';
      providerState: string;
      /** The provider's own id when it differs from ours (Twilio's SID). */
      providerMessageId?: string;
      /** Where the provider says the message already is, when past "queued" (a 409 on a sent one). */
      state?: DeliveryState;
    }
  /** `badNumber`: the provider says the number itself is unusable; the guardian's number is flagged. */
  | { kind: 'permanent'; reason: string; detail?: string; badNumber?: boolean }
  /** Nothing was taken (or the provider dedupes): try again later. */
  | { kind: 'retry'; reason: string; retryAfterMs?: number }
  /** The request may have reached the provider (timeout after sending): ask it before any resend. */
  | { kind: 'unknown'; reason: string };

/** What the dispatcher knows of an attempt whose outcome is unknown. */
export interface SmsLookup {
  messageId: string;
  phoneE164: string;
  text: string;
  providerMessageId: string | null;
  /** When the unknown attempt was claimed; the provider's records of it are no older. */
  claimedAt: Date | null;
}

export type LookupOutcome =
  | { kind: 'found'; state: DeliveryState; providerState: string; providerMessageId?: string; reason?: string }
  | { kind: 'not_found' }
  | { kind: 'retry'; reason: string };

export interface SmsProvider {
  readonly name: string;
  send(msg: SmsToSend): Promise<SendOutcome>;
  /** Asks the provider whether it holds this message. Without it, an unknown outcome is simply resent. */
  lookup?(msg: SmsLookup): Promise<LookupOutcome>;
}
