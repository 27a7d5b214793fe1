// SMS Gateway for Android (sms-protocols.md §1.1-1.5). Local-server mode: the phone on the school LAN
// serves the API itself at its root. Cloud or private-server mode: the same API under
// `…/3rdparty/v1`, which also validates numbers synchronously and rejects with 503 when its queue is
// full. One POST per text; a 202 only says the gateway queued it.
import { systemClock, type Clock } from '../../time/clock.js';
import type { DeliveryState } from '../outbox.js';
import type { LookupOutcome, SendOutcome, SmsLookup, SmsProvider, SmsToSend } from '../provider.js';
import { parseJson, retryAfterMs, transportFailure } from './http-answers.js';

const gatewayNames = { subject: 'gateway', object: 'the gateway' };

export interface AndroidGatewayLocalOptions {
  /** e.g. "http://192.168.1.20:8080" (local) or "https://api.sms-gate.app/3rdparty/v1" (cloud); a trailing '/' is fine. */
  url: string;
  username: string;
  password: string;
  withDeliveryReport: boolean;
  timeoutMs: number;
  /** 1-based SIM slot; omitted lets the phone choose. */
  simNumber?: number | null;
  /** Cloud: pins the phone, because ids are unique per device and an unpinned resend could reach another phone. */
  deviceId?: string;
  fetch?: typeof fetch;
  /** Reads a Retry-After HTTP date. That date is the gateway's wall clock, hence the system clock by default. */
  clock?: Clock;
}

export type AndroidGatewayMode = 'local' | 'cloud';

export function createAndroidGatewayLocalProvider(opts: AndroidGatewayLocalOptions): SmsProvider {
  return createAndroidGatewayProvider('local', opts);
}

export function createAndroidGatewayCloudProvider(opts: AndroidGatewayLocalOptions): SmsProvider {
  return createAndroidGatewayProvider('cloud', opts);
}

function createAndroidGatewayProvider(mode: AndroidGatewayMode, opts: AndroidGatewayLocalOptions): SmsProvider {
  const base = opts.url.replace(/\/+$/, '');
  const endpoint = base + '/messages';
  const authorization = 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`, 'utf8').toString('base64');
  const doFetch = opts.fetch ?? fetch;
  const clock = opts.clock ?? systemClock;
  const name = `android-gateway-${mode}`;

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
          // The cloud server refuses a TTL under 5 s; a text that close to expiry is sent with 5.
          ttl: mode === 'cloud' ? Math.max(5, msg.ttlSeconds) : msg.ttlSeconds,
          withDeliveryReport: opts.withDeliveryReport,
          ...(opts.simNumber ? { simNumber: opts.simNumber } : {}),
          ...(opts.deviceId ? { deviceId: opts.deviceId } : {}),
        }),
        // Covers reading the body too: a phone that sends headers and then stalls is still a timeout.
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      body = await res.text();
    } catch (e) {
      return transportFailure(e, opts.timeoutMs, gatewayNames);
    }
    const outcome = outcomeFor(status, body, retryAfter, clock.now());
    if (status === 409) {
      // Already accepted: the state tells whether it went out meanwhile.
      const known = await lookup({ messageId: msg.messageId, phoneE164: msg.phoneE164, text: msg.text, providerMessageId: null, claimedAt: null });
      if (known.kind === 'found') return { kind: 'accepted', providerState: known.providerState, state: known.state };
    }
    return outcome;
  }

  async function lookup(msg: SmsLookup): Promise<LookupOutcome> {
    try {
      const res = await doFetch(`${endpoint}/${encodeURIComponent(msg.messageId)}`, {
        headers: { authorization, accept: 'application/json' },
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      const text = await res.text();
      if (res.status === 404) return { kind: 'not_found' };
      if (res.status !== 200) return { kind: 'retry', reason: `gateway could not say whether it holds the message (HTTP ${res.status})` };
      const json = parseJson(text) as { state?: unknown; recipients?: Array<{ error?: unknown }> } | undefined;
      const providerState = typeof json?.state === 'string' ? json.state : 'unknown';
      const error = json?.recipients?.find((r) => typeof r.error === 'string')?.error as string | undefined;
      return { kind: 'found', state: deliveryStateOf(providerState), providerState, ...(error ? { reason: error } : {}) };
    } catch (e) {
      return { kind: 'retry', reason: transportFailure(e, opts.timeoutMs, gatewayNames).reason };
    }
  }

  return { name, send, lookup };
}

/** The gateway's message states (§1.3) as outbox states. */
export function deliveryStateOf(providerState: string): DeliveryState {
  switch (providerState) {
    case 'Sent':
      return 'sent';
    case 'Delivered':
      return 'delivered';
    case 'Failed':
    case 'Cancelled':
    case 'Cancelling':
      return 'failed';
    default:
      return 'accepted';
  }
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
  if (status >= 400) {
    const detail = gatewayMessage(body);
    // Number problems (cloud validates synchronously: "invalid phone number", "not mobile phone number").
    const badNumber = status === 400 && /phone/i.test(detail);
    return { kind: 'permanent', reason: `gateway refused the message (HTTP ${status})`, detail, ...(badNumber ? { badNumber } : {}) };
  }
  return { kind: 'retry', reason: `unexpected answer from the gateway (HTTP ${status})` };
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
