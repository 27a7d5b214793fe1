// SMS Gateway for Android in local-server mode: the phone on the school LAN serves the API itself
// (sms-protocols.md §1.1-1.5). One POST per text; a 202 only says the phone queued it.
import { systemClock, type Clock } from '../../time/clock.js';
import type { SendOutcome, SmsProvider, SmsToSend } from '../provider.js';

export interface AndroidGatewayLocalOptions {
  /** e.g. "http://192.168.1.20:8080"; a trailing '/' is fine. */
  url: string;
  username: string;
  password: string;
  withDeliveryReport: boolean;
  timeoutMs: number;
  fetch?: typeof fetch;
  /** Reads a Retry-After HTTP date. That date is the gateway's wall clock, hence the system clock by default. */
  clock?: Clock;
}

export function createAndroidGatewayLocalProvider(opts: AndroidGatewayLocalOptions): SmsProvider {
  const endpoint = opts.url.replace(/\/+$/, '') + '/messages';
  const authorization = 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`, 'utf8').toString('base64');
  const doFetch = opts.fetch ?? fetch;
  const clock = opts.clock ?? systemClock;

  async function send(msg: SmsToSend): Promise<SendOutcome> {
    let status: number;
    let retryAfter: string | null;
    let body: string;
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
        // Covers reading the body too: a phone that sends headers and then stalls is still a timeout.
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      body = await res.text();
    } catch (e) {
      // The phone may have queued the text before the answer was lost. The resend carries the same id,
      // so in that case the gateway answers 409 rather than texting the parent twice.
      return { kind: 'retry', reason: transportFailure(e, opts.timeoutMs) };
    }
    return outcomeFor(status, body, retryAfter, clock.now());
  }

  return { name: 'android-gateway-local', send };
}

function outcomeFor(status: number, body: string, retryAfter: string | null, now: Date): SendOutcome {
  if (status === 200 || status === 202) return { kind: 'accepted', providerState: stateFrom(body) ?? 'unknown' };
  // The gateway already holds a message with this id: an earlier attempt got through.
  if (status === 409) return { kind: 'accepted', providerState: 'already accepted' };
  // Configuration problems: nothing is wrong with the text, so it stays queued while someone fixes it.
  if (status === 401 || status === 403) {
    return { kind: 'retry', reason: `gateway rejected the credentials (HTTP ${status}); check sms.androidGateway.username and password` };
  }
  if (status === 404 || status === 405) {
    return { kind: 'retry', reason: `gateway has no POST /messages (HTTP ${status}); check sms.androidGateway.url` };
  }
  if (status === 408 || status === 429 || status >= 500) {
    const reason = `gateway busy or failing (HTTP ${status})`;
    const waitMs = retryAfterMs(retryAfter, now);
    return waitMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: waitMs };
  }
  if (status >= 400) return { kind: 'permanent', reason: `gateway refused the message (HTTP ${status})`, detail: gatewayMessage(body) };
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
    return undefined; // a proxy or an older app version may answer in plain text
  }
}

function stateFrom(body: string): string | undefined {
  const json = parseJson(body) as { state?: unknown } | null | undefined;
  return typeof json?.state === 'string' ? json.state : undefined;
}

function gatewayMessage(body: string): string {
  const json = parseJson(body) as { message?: unknown } | null | undefined;
  if (typeof json?.message === 'string') return json.message;
  return body.trim().slice(0, 200) || '(no message)';
}

function transportFailure(e: unknown, timeoutMs: number): string {
  const err = e as { name?: string; cause?: { code?: string } };
  if (err.name === 'TimeoutError') return `gateway did not answer within ${timeoutMs} ms`;
  return `could not reach the gateway (${err.cause?.code ?? err.name ?? 'unknown error'})`;
}
