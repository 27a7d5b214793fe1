// SMS Gateway for Android in local-server mode: the phone on the school LAN serves the API itself
// (sms-protocols.md §1.1-1.5). One POST per text; the answer only says the phone queued it.
import type { Clock } from '../../time/clock.js';
import type { Logger } from '../../log.js';
import type { SendOutcome, SmsProvider, SmsToSend } from '../provider.js';

export interface AndroidGatewayLocalOptions {
  /** e.g. "http://192.168.1.20:8080"; a trailing '/' is fine. */
  url: string;
  username: string;
  password: string;
  withDeliveryReport: boolean;
  timeoutMs: number;
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
}

export function createAndroidGatewayLocalProvider(opts: AndroidGatewayLocalOptions): SmsProvider {
  const endpoint = opts.url.replace(/\/+$/, '') + '/messages';
  const authorization = 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`, 'utf8').toString('base64');
  const doFetch = opts.fetch ?? fetch;

  async function send(msg: SmsToSend): Promise<SendOutcome> {
    let status: number;
    let body: string;
    let retryAfter: string | null;
    try {
      const res = await doFetch(endpoint, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({
          id: msg.messageId,
          textMessage: { text: msg.text },
          phoneNumbers: [msg.phoneE164],
          ttl: msg.ttlSeconds,
          withDeliveryReport: opts.withDeliveryReport,
        }),
        // Covers reading the body too: a phone that answers headers and then stalls is still a timeout.
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      body = await res.text();
    } catch (e) {
      // The phone may have queued the text before the answer was lost; the resend carries the same id,
      // so in that case it is answered 409 rather than sent twice.
      const error = describeTransportError(e, opts.timeoutMs);
      opts.log.warn('sms gateway unreachable', { messageId: msg.messageId, error: error.code });
      return { kind: 'retry', reason: error.reason };
    }
    const outcome = outcomeFor(status, body, retryAfter, opts.clock.now());
    if (status === 401 || status === 403) {
      opts.log.error('sms gateway rejected the credentials; check sms.androidGateway.username and password', { messageId: msg.messageId, status });
    } else if (outcome.kind !== 'accepted') {
      opts.log.warn('sms gateway did not take the message', { messageId: msg.messageId, status, outcome: outcome.kind });
    }
    return outcome;
  }

  return { name: 'android-gateway-local', send };
}

function outcomeFor(status: number, body: string, retryAfter: string | null, now: Date): SendOutcome {
  if (status === 200 || status === 202) return { kind: 'accepted', providerState: stateFrom(body) ?? 'unknown' };
  // The gateway already holds a message with this id: an earlier attempt got through.
  if (status === 409) return { kind: 'accepted', providerState: 'already accepted' };
  if (status === 401 || status === 403) {
    // Nothing is wrong with the text; keep it queued while someone fixes the configuration.
    return { kind: 'retry', reason: `gateway rejected the credentials (HTTP ${status}); check sms.androidGateway.username and password` };
  }
  if (status === 404 || status === 405) {
    return { kind: 'retry', reason: `gateway has no POST /messages (HTTP ${status}); check sms.androidGateway.url` };
  }
  if (status === 408 || status === 429 || status >= 500) {
    const waitMs = retryAfterMs(retryAfter, now);
    const reason = `gateway busy or failing (HTTP ${status})`;
    return waitMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: waitMs };
  }
  if (status >= 400) return { kind: 'permanent', reason: `gateway refused the message (HTTP ${status}): ${gatewayMessage(body)}` };
  return { kind: 'retry', reason: `unexpected answer from the gateway (HTTP ${status})` };
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header: string | null, now: Date): number | undefined {
  if (header === null) return undefined;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime());
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined; // older app versions and proxies may answer with plain text
  }
}

function stateFrom(body: string): string | undefined {
  const json = parseJson(body) as { state?: unknown } | undefined;
  return typeof json?.state === 'string' ? json.state : undefined;
}

function gatewayMessage(body: string): string {
  const json = parseJson(body) as { message?: unknown } | undefined;
  if (typeof json?.message === 'string') return json.message;
  return body.trim().slice(0, 200) || '(no message)';
}

function describeTransportError(e: unknown, timeoutMs: number): { code: string; reason: string } {
  const err = e as { name?: string; cause?: { code?: string; message?: string } };
  if (err.name === 'TimeoutError') return { code: 'timeout', reason: `gateway did not answer within ${timeoutMs} ms` };
  const code = err.cause?.code ?? err.name ?? 'unknown';
  return { code, reason: `could not reach the gateway (${err.cause?.message ?? code})` };
}
