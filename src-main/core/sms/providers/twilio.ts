// Twilio Programmable Messaging (sms-protocols.md §2): a form-encoded create per text, with
// StatusCallback so delivery reports come back to the kiosk's webhook. Twilio's create call has no
// idempotency key, so an attempt whose answer was lost is reconciled by listing the messages to that
// number since the attempt, never by posting again blindly.
import { systemClock, type Clock } from '../../time/clock.js';
import type { DeliveryState } from '../outbox.js';
import type { LookupOutcome, SendOutcome, SmsLookup, SmsProvider, SmsToSend } from '../provider.js';
import { parseJson, retryAfterMs, transportFailure } from './http-answers.js';

export interface TwilioOptions {
  accountSid: string;
  authToken: string;
  /** The sender number (E.164) or a Messaging Service SID "MG…". */
  from: string;
  statusCallbackUrl: string;
  timeoutMs: number;
  /** Tests point this at a fake on 127.0.0.1. */
  apiBase?: string;
  fetch?: typeof fetch;
  clock?: Clock;
}

/** Error codes that mean the number itself cannot take texts (§2 table): stop and flag it. */
export const twilioBadNumberCodes = new Set([21211, 21614, 21635, 21610, 21612, 21608, 30006]);

interface TwilioMessage {
  sid: string;
  status: string;
  to: string;
  body: string;
  date_created: string;
  error_code: number | null;
  error_message: string | null;
}

export function createTwilioProvider(opts: TwilioOptions): SmsProvider {
  const base = (opts.apiBase ?? 'https://api.twilio.com').replace(/\/+$/, '');
  const account = `${base}/2010-04-01/Accounts/${encodeURIComponent(opts.accountSid)}`;
  const authorization = 'Basic ' + Buffer.from(`${opts.accountSid}:${opts.authToken}`, 'utf8').toString('base64');
  const doFetch = opts.fetch ?? fetch;
  const clock = opts.clock ?? systemClock;

  async function send(msg: SmsToSend): Promise<SendOutcome> {
    const form = new URLSearchParams({ To: msg.phoneE164, Body: msg.text });
    if (opts.from.startsWith('MG')) form.set('MessagingServiceSid', opts.from);
    else form.set('From', opts.from);
    if (opts.statusCallbackUrl) form.set('StatusCallback', opts.statusCallbackUrl);
    // Twilio's own queue must not send a stale text either; it accepts 1-36,000 s (older docs: 14,400).
    form.set('ValidityPeriod', String(Math.min(14_400, Math.max(1, msg.ttlSeconds))));
    let res: Response;
    let text: string;
    try {
      res = await doFetch(`${account}/Messages.json`, {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      text = await res.text();
    } catch (e) {
      return transportFailure(e, opts.timeoutMs, { subject: 'Twilio', object: 'Twilio' });
    }
    const json = parseJson(text) as Partial<TwilioMessage> & { code?: number; message?: string };
    if (res.status === 200 || res.status === 201) {
      if (typeof json?.sid !== 'string') return { kind: 'unknown', reason: 'Twilio answered without a message SID' };
      return { kind: 'accepted', providerState: json.status ?? 'queued', providerMessageId: json.sid, state: twilioState(json.status ?? 'queued') };
    }
    // "Never processed and is always safe to retry" (error 20429).
    if (res.status === 429 || res.status >= 500) {
      const waitMs = retryAfterMs(res.headers.get('retry-after'), clock.now());
      const reason = `Twilio busy or failing (HTTP ${res.status}${json?.code ? `, error ${json.code}` : ''})`;
      // A 5xx from a create is not idempotent (error 20500): the message may exist, so ask first.
      if (res.status >= 500 && res.status !== 503) return { kind: 'unknown', reason };
      return waitMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, retryAfterMs: waitMs };
    }
    if (res.status === 401 || res.status === 403) {
      return { kind: 'retry', reason: `Twilio rejected the credentials (HTTP ${res.status}); check sms.twilio.accountSid and authToken` };
    }
    const code = typeof json?.code === 'number' ? json.code : undefined;
    return {
      kind: 'permanent',
      reason: `Twilio refused the message (HTTP ${res.status}${code ? `, error ${code}` : ''})`,
      detail: typeof json?.message === 'string' ? json.message : text.slice(0, 200),
      ...(code !== undefined && twilioBadNumberCodes.has(code) ? { badNumber: true } : {}),
    };
  }

  async function lookup(msg: SmsLookup): Promise<LookupOutcome> {
    try {
      if (msg.providerMessageId) {
        const res = await doFetch(`${account}/Messages/${encodeURIComponent(msg.providerMessageId)}.json`, {
          headers: { authorization, accept: 'application/json' },
          signal: AbortSignal.timeout(opts.timeoutMs),
        });
        const text = await res.text();
        if (res.status === 404) return { kind: 'not_found' };
        if (res.status !== 200) return { kind: 'retry', reason: `Twilio could not say whether it holds the message (HTTP ${res.status})` };
        return found(parseJson(text) as TwilioMessage);
      }
      // No SID came back: list what went to that number since the attempt and match the text.
      const since = (msg.claimedAt ?? new Date(0)).toISOString().slice(0, 10);
      const query = new URLSearchParams({ To: msg.phoneE164, 'DateSent>': since, PageSize: '50' });
      const res = await doFetch(`${account}/Messages.json?${query.toString()}`, {
        headers: { authorization, accept: 'application/json' },
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      const text = await res.text();
      if (res.status !== 200) return { kind: 'retry', reason: `Twilio could not list messages (HTTP ${res.status})` };
      const list = (parseJson(text) as { messages?: TwilioMessage[] })?.messages ?? [];
      const claimed = msg.claimedAt?.getTime() ?? 0;
      // Twilio's clock and ours may differ by a little; a minute of slack still cannot reach yesterday's text.
      const match = list.find((m) => m.body === msg.text && Date.parse(m.date_created) >= claimed - 60_000);
      return match ? found(match) : { kind: 'not_found' };
    } catch (e) {
      return { kind: 'retry', reason: `could not ask Twilio (${(e as { name?: string }).name ?? 'error'})` };
    }
  }

  function found(m: TwilioMessage): LookupOutcome {
    return {
      kind: 'found',
      state: twilioState(m.status),
      providerState: m.status,
      providerMessageId: m.sid,
      ...(m.error_code ? { reason: `Twilio error ${m.error_code}` } : {}),
    };
  }

  return { name: 'twilio', send, lookup };
}

/** Twilio's message statuses as outbox states. */
export function twilioState(status: string): DeliveryState {
  switch (status) {
    case 'sent':
      return 'sent';
    case 'delivered':
    case 'read':
      return 'delivered';
    case 'failed':
    case 'undelivered':
    case 'canceled':
      return 'failed';
    default:
      return 'accepted';
  }
}
