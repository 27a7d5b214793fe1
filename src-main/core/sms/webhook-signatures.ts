// Signatures on delivery reports (sms-protocols.md §1.6, §2). Both are checked on the raw bytes, before
// anything is parsed, and compared in constant time.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SignatureCheck = 'ok' | 'bad-signature' | 'stale' | 'bad-timestamp';

/** The phone's replay window: it signs with its own clock and sets no nonce. */
export const smsGateToleranceSeconds = 300;

/** SMS Gateway for Android: lower-case hex HMAC-SHA256(key, raw body + X-Timestamp). */
export function smsGateSignature(key: string, rawBody: Buffer, timestamp: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(rawBody).update(timestamp, 'utf8').digest('hex');
}

export function verifySmsGateSignature(opts: { key: string; rawBody: Buffer; timestamp: string; signature: string; now: Date }): SignatureCheck {
  if (!/^\d{1,12}$/.test(opts.timestamp)) return 'bad-timestamp';
  const expected = Buffer.from(smsGateSignature(opts.key, opts.rawBody, opts.timestamp), 'utf8');
  const given = Buffer.from(opts.signature.trim().toLowerCase(), 'utf8');
  // timingSafeEqual throws on unequal lengths; the digest's length is public anyway.
  const good = given.length === expected.length && timingSafeEqual(given, expected);
  if (!good) return 'bad-signature';
  const skew = Math.abs(opts.now.getTime() / 1000 - Number(opts.timestamp));
  return skew > smsGateToleranceSeconds ? 'stale' : 'ok';
}

/**
 * Twilio's X-Twilio-Signature: Base64 HMAC-SHA1 keyed with the auth token over the full URL followed
 * by every POST parameter name+value, names sorted (a repeated name's values deduplicated and sorted).
 */
export function twilioSignature(authToken: string, url: string, params: ReadonlyArray<readonly [string, string]>): string {
  const byName = new Map<string, Set<string>>();
  for (const [k, v] of params) {
    if (!byName.has(k)) byName.set(k, new Set());
    byName.get(k)!.add(v);
  }
  let data = url;
  for (const name of [...byName.keys()].sort()) {
    for (const value of [...byName.get(name)!].sort()) data += name + value;
  }
  return createHmac('sha1', Buffer.from(authToken, 'utf8')).update(data, 'utf8').digest('base64');
}

/** Accepts the configured URL as signed, or with the default port added or removed, as Twilio's SDK does. */
export function verifyTwilioSignature(opts: { authToken: string; url: string; params: ReadonlyArray<readonly [string, string]>; signature: string }): boolean {
  const given = Buffer.from(opts.signature.trim(), 'utf8');
  return urlVariants(opts.url).some((url) => {
    const expected = Buffer.from(twilioSignature(opts.authToken, url, opts.params), 'utf8');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

function urlVariants(url: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return [url];
  }
  const defaultPort = parsed.protocol === 'https:' ? '443' : parsed.protocol === 'http:' ? '80' : '';
  const withPort = url.replace(`${parsed.protocol}//${parsed.host}`, `${parsed.protocol}//${parsed.hostname}:${parsed.port || defaultPort}`);
  const withoutPort = parsed.port === defaultPort || !parsed.port ? url.replace(`${parsed.protocol}//${parsed.host}`, `${parsed.protocol}//${parsed.hostname}`) : url;
  return [...new Set([url, withPort, withoutPort])];
}
