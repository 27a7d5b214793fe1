// The seed's routes, kept: `POST /sms-webhook` for delivery reports (SMS Gateway's signed JSON, or a
// Twilio status callback when X-Twilio-Signature is present) and `GET /sms-webhook/health`.
// Order of checks: method and path, content type, signature headers, signature (on the raw bytes),
// then parsing. A verified event is answered only once it is stored durably (the listener's group
// commit); a duplicate is answered 200 so the sender stops, a new event 204 and applied after.
import type { Logger } from '../log.js';
import type { Metrics, WebhookResult } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import type { WebhookAnswer, WebhookRequest, WebhookRoute } from '../webhook/server.js';
import type { DeliveryReports, ReadResult, ReportEvent } from './delivery-reports.js';
import { verifySmsGateSignature, verifyTwilioSignature } from './webhook-signatures.js';

export interface SmsWebhookSecrets {
  /** sms.androidGateway.webhookSigningKey */
  signingKey: string;
  /** sms.twilio.authToken and the exact public statusCallbackUrl it signs */
  twilioAuthToken: string;
  twilioCallbackUrl: string;
}

export interface SmsWebhookCounters {
  accepted: number;
  duplicates: number;
  rejected: Record<string, number>;
}

export function createSmsWebhookRoute(deps: {
  reports: Pick<DeliveryReports, 'readSmsGateEvent' | 'readTwilioCallback'>;
  /** Stores a verified event durably; resolves once it is committed. */
  store: (event: ReportEvent) => Promise<'stored' | 'duplicate'>;
  /** Called once the answer to a newly stored event is on its way: apply it to the outbox. */
  afterStored: () => void;
  secrets: () => SmsWebhookSecrets;
  clock: Clock;
  log: Logger;
  /** Reported by the health route. */
  port: () => number;
  metrics?: Metrics;
}): { route: WebhookRoute; counters: SmsWebhookCounters } {
  const counters: SmsWebhookCounters = { accepted: 0, duplicates: 0, rejected: {} };
  const counted = (result: WebhookResult, answer: WebhookAnswer): WebhookAnswer => {
    deps.metrics?.webhookEvent(result);
    return answer;
  };
  const reject = (status: number, why: string, result: WebhookResult, headers?: Record<string, string>): WebhookAnswer => {
    counters.rejected[why] = (counters.rejected[why] ?? 0) + 1;
    return counted(result, { status, body: { error: why }, ...(headers ? { headers } : {}) });
  };
  async function stored(event: ReportEvent): Promise<WebhookAnswer> {
    if ((await deps.store(event)) === 'stored') {
      counters.accepted++;
      return counted('accepted', { status: 204, after: deps.afterStored });
    }
    counters.duplicates++;
    return counted('duplicate', { status: 200, body: { success: true, duplicate: true } });
  }

  function answerFor(r: ReadResult): WebhookAnswer | Promise<WebhookAnswer> {
    switch (r.kind) {
      case 'event':
        return stored(r.event);
      case 'ignored':
        return counted('ignored', { status: 200, body: { success: true, ignored: r.event } });
      case 'invalid':
        return { ...reject(422, 'event does not have the expected shape', 'bad_request'), body: { error: 'event does not have the expected shape', issues: r.issues } };
    }
  }

  function smsGate(req: WebhookRequest): WebhookAnswer | Promise<WebhookAnswer> {
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/json\b/i.test(type)) return reject(415, 'content type must be application/json', 'bad_request');
    const signature = req.headers['x-signature'];
    const timestamp = req.headers['x-timestamp'];
    if (typeof signature !== 'string' || typeof timestamp !== 'string') return reject(400, 'missing X-Signature or X-Timestamp', 'bad_request');
    const { signingKey } = deps.secrets();
    if (!signingKey) {
      deps.log.error('delivery report refused: sms.androidGateway.webhookSigningKey is not set');
      return reject(503, 'webhook signing key not configured', 'not_configured', { 'retry-after': '300' });
    }
    const check = verifySmsGateSignature({ key: signingKey, rawBody: req.rawBody, timestamp, signature, now: deps.clock.now() });
    if (check === 'bad-timestamp') return reject(400, 'X-Timestamp must be Unix seconds', 'bad_request');
    if (check === 'bad-signature') return reject(401, 'bad signature', 'bad_signature');
    if (check === 'stale') return reject(401, 'timestamp outside the 5-minute window', 'stale');
    let parsed: unknown;
    try {
      parsed = JSON.parse(req.rawBody.toString('utf8'));
    } catch {
      return reject(400, 'body is not valid JSON', 'bad_request');
    }
    return answerFor(deps.reports.readSmsGateEvent(parsed));
  }

  function twilio(req: WebhookRequest): WebhookAnswer | Promise<WebhookAnswer> {
    const type = String(req.headers['content-type'] ?? '');
    if (!/^application\/x-www-form-urlencoded\b/i.test(type)) return reject(415, 'content type must be application/x-www-form-urlencoded', 'bad_request');
    const { twilioAuthToken, twilioCallbackUrl } = deps.secrets();
    if (!twilioAuthToken || !twilioCallbackUrl) {
      deps.log.error('Twilio callback refused: sms.twilio.authToken or statusCallbackUrl is not set');
      return reject(503, 'Twilio is not configured', 'not_configured', { 'retry-after': '300' });
    }
    const params = [...new URLSearchParams(req.rawBody.toString('utf8')).entries()];
    const signature = String(req.headers['x-twilio-signature']);
    if (!verifyTwilioSignature({ authToken: twilioAuthToken, url: twilioCallbackUrl, params, signature })) return reject(401, 'bad signature', 'bad_signature');
    return answerFor(deps.reports.readTwilioCallback(Object.fromEntries(params)));
  }

  const route: WebhookRoute = (req) => {
    if (req.path === '/sms-webhook/health') {
      if (req.method !== 'GET') return { status: 405, headers: { allow: 'GET' } };
      return { status: 200, body: { status: 'healthy', service: 'sms-webhook', port: deps.port() } };
    }
    if (req.path !== '/sms-webhook') return counted('bad_request', { status: 404, body: { error: 'not found' } });
    if (req.method !== 'POST') return counted('bad_request', { status: 405, headers: { allow: 'POST' } });
    return req.headers['x-twilio-signature'] !== undefined ? twilio(req) : smsGate(req);
  };

  return { route, counters };
}
