import { createHash } from 'node:crypto';

/**
 * The id the gateway stores for an outbox row. It is derived from the idempotency key, not random, so a
 * resend after a crash or a lost response carries the same id and the gateway answers 409 instead of
 * texting the parent twice. 'rc-' + 128 bits of hex = 35 characters: under the gateway's 36-character
 * limit and safe in a URL path (`GET /messages/{id}`).
 */
export function messageIdFor(idempotencyKey: string): string {
  return 'rc-' + createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 32);
}
