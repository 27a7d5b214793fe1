// What the dispatcher needs from an SMS sender. Providers turn every outside-world failure into an
// outcome; they do not throw for a gateway that is down or says no.

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
  | { kind: 'accepted'; providerState: string }
  | { kind: 'permanent'; reason: string; detail?: string }
  | { kind: 'retry'; reason: string; retryAfterMs?: number };

export interface SmsProvider {
  readonly name: string;
  send(msg: SmsToSend): Promise<SendOutcome>;
}
