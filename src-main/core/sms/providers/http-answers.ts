// What every HTTP provider does alike with an answer, or with its absence: read Retry-After, read a
// body that may not be JSON, and tell a request that never left (safe to send again) from one whose
// fate is unknown (ask the provider before any resend). Status codes mean different things per
// protocol, so their mapping stays with each provider.
import type { SendOutcome } from '../provider.js';

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

/** The body as JSON, or undefined: a proxy or an older app version may answer in plain text. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Errors from connecting that mean no byte of the request reached the provider. */
const neverLeft = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * A fetch that threw: a timeout (the request may have been taken: unknown), refused or unresolvable
 * (never left: retry), anything else mid-request (unknown). `provider` names it in the reason, e.g.
 * { subject: 'gateway', object: 'the gateway' } reads "gateway did not answer", "could not reach the gateway".
 */
export function transportFailure(e: unknown, timeoutMs: number, provider: { subject: string; object: string }): SendOutcome & { reason: string } {
  const err = e as { name?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError') return { kind: 'unknown', reason: `${provider.subject} did not answer within ${timeoutMs} ms` };
  const code = err.cause?.code ?? err.name ?? 'unknown error';
  if (neverLeft.has(code)) return { kind: 'retry', reason: `could not reach ${provider.object} (${code})` };
  return { kind: 'unknown', reason: `connection to ${provider.object} failed (${code})` };
}
