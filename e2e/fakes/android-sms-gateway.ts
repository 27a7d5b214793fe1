// A stand-in for SMS Gateway for Android, on 127.0.0.1, following the protocol in sms-protocols.md
// §1.1-1.6: Basic auth on every route except /health, `POST /messages` validated like the app, 409 for
// an id it already holds, 202 with the MessageState, `GET /messages/:id` to poll, `/webhooks` to
// register, and the phone's webhooks: `sms:sent`/`sms:delivered`/`sms:failed` envelopes signed with
// X-Signature = hex HMAC-SHA256(key, body + X-Timestamp), retried with backoff until a 2xx.
// Cloud mode serves the same under /3rdparty/v1, validates numbers at once (400) and can refuse with
// 503 when its queue is full.
// It is stricter than the app in one way: the deprecated top-level `message` field is refused, because
// our client must send `textMessage` (§6.2).
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GatewayRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  rawBody: string;
  /** The parsed JSON body, or undefined if it was not JSON. */
  body: unknown;
  receivedAt: Date;
}

/**
 * What a test wants instead of the protocol's answer. `status` (with optional `body`, sent as JSON
 * unless it is a string, and `headers`) answers with that and stores nothing, like a gateway that
 * rejects. `hang` handles the request normally, so the phone holds the message, but never answers: the
 * worst case for a client, which cannot tell whether its text was taken.
 */
export type BehaviourResult = { status: number; body?: unknown; headers?: Record<string, string> } | { hang: true };
export type Behaviour = (req: GatewayRequest) => BehaviourResult | undefined | Promise<BehaviourResult | undefined>;

export interface ReceivedMessage {
  id: string;
  text: string;
  phoneNumbers: string[];
  ttl: number | undefined;
  withDeliveryReport: boolean;
  simNumber: number | undefined;
  deviceId: string | undefined;
  receivedAt: Date;
}

export type ReportEvent = 'sms:sent' | 'sms:delivered' | 'sms:failed';

export interface WebhookDelivery {
  url: string;
  event: ReportEvent;
  status: number | 'network-error';
  body: string;
}

export interface FakeAndroidGateway {
  /** Base URL, e.g. "http://127.0.0.1:43817" (routes at the root, as on the phone). */
  url: string;
  /** Messages the phone accepted and holds, in arrival order. */
  received: ReceivedMessage[];
  /** Every request, accepted or not. */
  requests: GatewayRequest[];
  /** Resolves once `n` messages are held; rejects after `timeoutMs`. */
  waitForMessages(n: number, timeoutMs: number): Promise<ReceivedMessage[]>;
  /** Registered webhooks, as `POST /webhooks` stored them. */
  webhooks: Map<string, { id: string; url: string; event: string; deviceId: string }>;
  /**
   * The phone reports on a message it holds: moves its state and posts the event to every webhook
   * registered for it, signed, retrying until a 2xx (or close). Resolves when every hook took it.
   */
  report(messageId: string, event: ReportEvent, opts?: { reason?: string; part?: number; eventId?: string }): Promise<void>;
  /** Every webhook attempt and its answer. */
  deliveries: WebhookDelivery[];
  close(): Promise<void>;
}

interface MessageState {
  id: string;
  deviceId: string;
  state: string;
  isHashed: false;
  isEncrypted: boolean;
  recipients: Array<{ phoneNumber: string; state: string; error?: string }>;
  states: Record<string, string>;
}

export interface FakeAndroidGatewayOptions {
  username: string;
  password: string;
  behaviour?: Behaviour;
  /** 'cloud' serves under /3rdparty/v1 and refuses numbers that are not E.164 mobiles at once. */
  mode?: 'local' | 'cloud';
  /** The phone's webhook signing key (Settings → Webhooks → Signing Key). */
  signingKey?: string;
  /**
   * After a 202 the phone sends the text and reports on its own: 'sent', then 'delivered' (default:
   * nothing); a function decides per message, `{ failed: reason }` reporting `sms:failed`.
   */
  autoReport?: 'sent' | 'delivered' | ((m: ReceivedMessage) => 'sent' | 'delivered' | { failed: string });
  /** The fake's clock for `receivedAt` (drills run faster than real time); the system clock by default. */
  now?: () => Date;
  /** The phone's clock for X-Timestamp (Unix seconds); the system clock by default. */
  phoneNow?: () => number;
  /** Webhook retry delays (ms), doubling from this; the real app starts at 5-10 s. */
  retryBaseMs?: number;
  /** The queue limit of a cloud server: POSTs beyond this many Pending messages get 503. */
  maxPending?: number;
}

export async function startFakeAndroidGateway(opts: FakeAndroidGatewayOptions): Promise<FakeAndroidGateway> {
  const deviceId = nanoid();
  const prefix = opts.mode === 'cloud' ? '/3rdparty/v1' : '';
  const webhooks = new Map<string, { id: string; url: string; event: string; deviceId: string }>();
  const deliveries: WebhookDelivery[] = [];
  let closed = false;
  const retryTimers = new Set<NodeJS.Timeout>();
  const states = new Map<string, MessageState>();
  const received: ReceivedMessage[] = [];
  const requests: GatewayRequest[] = [];
  const waiters: Array<{ n: number; resolve: (m: ReceivedMessage[]) => void; reject: (e: Error) => void }> = [];

  function authorised(req: IncomingMessage): boolean {
    const header = req.headers.authorization ?? '';
    if (!header.startsWith('Basic ')) return false;
    return Buffer.from(header.slice(6), 'base64').toString('utf8') === `${opts.username}:${opts.password}`;
  }

  type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

  function route(req: IncomingMessage, request: GatewayRequest): Answer {
    if (!request.path.startsWith(prefix)) return { status: 404 };
    const path = request.path.slice(prefix.length);
    if (request.method === 'GET' && path === '/health') {
      return { status: 200, body: { status: 'pass', version: 'fake', releaseId: 1, checks: {} } };
    }
    if (!authorised(req)) {
      return { status: 401, headers: { 'www-authenticate': 'Basic realm="Access to the \'/\' path", charset="UTF-8"' } };
    }
    if (request.method === 'POST' && path === '/messages') return postMessage(request);
    const poll = /^\/messages\/([^/]+)$/.exec(path);
    if (request.method === 'GET' && poll) {
      const state = states.get(decodeURIComponent(poll[1]!));
      return state ? { status: 200, body: state } : { status: 404, body: { message: 'message not found' } };
    }
    if (request.method === 'POST' && path === '/webhooks') return postWebhook(request);
    if (request.method === 'GET' && path === '/webhooks') return { status: 200, body: [...webhooks.values()] };
    const hook = /^\/webhooks\/([^/]+)$/.exec(path);
    if (request.method === 'DELETE' && hook) {
      webhooks.delete(decodeURIComponent(hook[1]!));
      return { status: 204 };
    }
    return { status: 404 };
  }

  function postWebhook(request: GatewayRequest): Answer {
    const b = request.body as { id?: unknown; url?: unknown; event?: unknown; deviceId?: unknown } | undefined;
    if (typeof b?.url !== 'string' || typeof b.event !== 'string') return { status: 400, body: { message: 'url and event are required' } };
    // APP WebHooksService.kt: local accepts https:// or http://127.0.0.1 only; cloud https:// only.
    const allowed = opts.mode === 'cloud' ? /^https:\/\//.test(b.url) : /^(https:\/\/|http:\/\/127\.0\.0\.1[:/])/.test(b.url);
    if (!allowed) return { status: 400, body: { message: 'url must start with https:// or http://127.0.0.1' } };
    const events = ['sms:received', 'sms:data-received', 'sms:sent', 'sms:delivered', 'sms:failed', 'sms:cancelled', 'system:ping', 'app:started'];
    if (!events.includes(b.event)) return { status: 400, body: { message: `unknown event ${b.event}` } };
    const id = typeof b.id === 'string' && b.id ? b.id : nanoid();
    const stored = { id, url: b.url, event: b.event, deviceId: typeof b.deviceId === 'string' ? b.deviceId : deviceId };
    webhooks.set(id, stored);
    return { status: 201, body: opts.mode === 'cloud' ? stored : { ...stored, source: 'Local' } };
  }

  const phoneNow = opts.phoneNow ?? (() => Math.floor(Date.now() / 1000));
  const retryBaseMs = opts.retryBaseMs ?? 50;

  async function postSigned(hookId: string, event: ReportEvent, body: string): Promise<void> {
    for (let attempt = 0; !closed; attempt++) {
      // A re-registration (same id) changes where the retries go, as on the phone.
      const url = webhooks.get(hookId)?.url;
      if (!url) return;
      const timestamp = String(phoneNow());
      const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'me.capcom.smsgateway/fake' };
      if (opts.signingKey) {
        headers['x-timestamp'] = timestamp;
        headers['x-signature'] = createHmac('sha256', opts.signingKey).update(body + timestamp).digest('hex');
      }
      let status: number | 'network-error';
      try {
        const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5_000) });
        await res.arrayBuffer();
        status = res.status;
      } catch {
        status = 'network-error';
      }
      deliveries.push({ url, event, status, body });
      if (typeof status === 'number' && status >= 200 && status < 300) return;
      // The same stored body, the same event id, a fresh signature (§1.6).
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => {
          retryTimers.delete(t);
          resolve();
        }, Math.min(2_000, retryBaseMs * 2 ** Math.min(attempt, 10)));
        retryTimers.add(t);
      });
    }
  }

  async function report(messageId: string, event: ReportEvent, o: { reason?: string; part?: number; eventId?: string } = {}): Promise<void> {
    const state = states.get(messageId);
    if (!state) throw new Error(`fake gateway holds no message ${messageId}`);
    const at = new Date().toISOString();
    const recipientState = event === 'sms:sent' ? 'Sent' : event === 'sms:delivered' ? 'Delivered' : 'Failed';
    for (const r of state.recipients) {
      r.state = recipientState;
      if (o.reason) r.error = o.reason;
    }
    state.state = recipientState;
    state.states[recipientState] = at;
    const posts: Promise<void>[] = [];
    for (const r of state.recipients) {
      const payload: Record<string, unknown> = { messageId, sender: null, recipient: r.phoneNumber, simNumber: 1, phoneNumber: r.phoneNumber };
      if (event === 'sms:sent') Object.assign(payload, { partsCount: 1, sentAt: at });
      if (event === 'sms:delivered') Object.assign(payload, { deliveredAt: at });
      if (event === 'sms:failed') Object.assign(payload, { failedAt: at, reason: o.reason ?? 'RESULT_ERROR_GENERIC_FAILURE' });
      for (const hook of webhooks.values()) {
        if (hook.event !== event) continue;
        const body = JSON.stringify({ id: o.eventId ?? nanoid(), webhookId: hook.id, event, deviceId, payload });
        posts.push(postSigned(hook.id, event, body));
      }
    }
    await Promise.all(posts);
  }

  function postMessage(request: GatewayRequest): Answer {
    const invalid = validate(request.body);
    if (invalid) return { status: 400, body: { message: invalid } };
    const b = request.body as PostBody;
    if (opts.mode === 'cloud') {
      // SRV cleanPhoneNumber: the server parses and refuses at once what the phone would fail later.
      const bad = b.phoneNumbers.findIndex((p) => !/^\+[1-9]\d{7,14}$/.test(p) || p.startsWith('+1555'));
      if (bad >= 0) return { status: 400, body: { message: `failed to use phone in row ${bad + 1}: invalid phone number` } };
      const pending = [...states.values()].filter((m) => m.state === 'Pending').length;
      if (opts.maxPending !== undefined && pending >= opts.maxPending) return { status: 503, body: { message: 'queue limits exceeded' } };
    }
    const id = b.id ?? nanoid();
    if (states.has(id)) return { status: 409, body: { message: 'message with the same ID already exists' } };
    const state: MessageState = {
      id,
      deviceId,
      state: 'Pending',
      isHashed: false,
      isEncrypted: b.isEncrypted ?? false,
      recipients: b.phoneNumbers.map((phoneNumber) => ({ phoneNumber, state: 'Pending' })),
      states: { Pending: request.receivedAt.toISOString() },
    };
    states.set(id, state);
    received.push({
      id,
      text: b.textMessage.text,
      phoneNumbers: b.phoneNumbers,
      ttl: b.ttl,
      withDeliveryReport: b.withDeliveryReport ?? true,
      simNumber: b.simNumber,
      deviceId: b.deviceId,
      receivedAt: request.receivedAt,
    });
    if (opts.autoReport) {
      const held = received[received.length - 1]!;
      const outcome = typeof opts.autoReport === 'function' ? opts.autoReport(held) : opts.autoReport;
      setImmediate(() => {
        const done =
          typeof outcome === 'object'
            ? report(id, 'sms:failed', { reason: outcome.failed })
            : report(id, 'sms:sent').then(() => (outcome === 'delivered' && !closed ? report(id, 'sms:delivered') : undefined));
        void done.catch(() => undefined);
      });
    }
    for (const w of [...waiters]) {
      if (received.length >= w.n) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(received.slice());
      }
    }
    return { status: 202, body: state };
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      const request: GatewayRequest = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://fake').pathname,
        headers: req.headers,
        rawBody,
        body: parseJson(rawBody),
        receivedAt: opts.now?.() ?? new Date(),
      };
      requests.push(request);
      void Promise.resolve(opts.behaviour?.(request)).then((override) => {
        if (override && 'hang' in override) {
          route(req, request); // the phone takes the message; the answer never leaves it
          return;
        }
        respond(res, override ?? route(req, request));
      }, (e: unknown) => respond(res, { status: 500, body: { message: `fake gateway behaviour threw: ${String(e)}` } }));
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    received,
    requests,
    waitForMessages(n, timeoutMs) {
      if (received.length >= n) return Promise.resolve(received.slice());
      return new Promise((resolve, reject) => {
        const waiter = {
          n,
          resolve: (m: ReceivedMessage[]) => {
            clearTimeout(timer);
            resolve(m);
          },
          reject,
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`fake gateway holds ${received.length} of ${n} messages after ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    webhooks,
    deliveries,
    report,
    close() {
      closed = true;
      for (const t of retryTimers) clearTimeout(t);
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections(); // hung requests hold sockets open
      });
    },
  };
}

interface PostBody {
  id?: string;
  textMessage: { text: string };
  phoneNumbers: string[];
  ttl?: number;
  withDeliveryReport?: boolean;
  isEncrypted?: boolean;
  simNumber?: number;
  deviceId?: string;
}

/** The app's checks on `POST /messages` (APP MessagesRoutes.kt, CGO domain_messages.go); returns the 400 message. */
function validate(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'request body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (b.id !== undefined && (typeof b.id !== 'string' || b.id.length === 0 || b.id.length > 36)) return 'id must be a string of 1-36 characters';
  const kinds = ['textMessage', 'dataMessage', 'mmsMessage', 'message'].filter((k) => b[k] !== undefined && b[k] !== null);
  if (kinds.length === 0) return 'Must specify exactly one of: textMessage, dataMessage, mmsMessage, or message';
  if (kinds.length > 1) return 'Cannot specify multiple message types simultaneously';
  if (kinds[0] !== 'textMessage') return `this fake gateway accepts textMessage only, not ${kinds[0]}`;
  const text = (b.textMessage as { text?: unknown }).text;
  if (typeof text !== 'string' || text.length === 0) return 'Text message is empty';
  if (text.length > 65535) return 'text must be at most 65535 characters';
  const phones = b.phoneNumbers;
  if (!Array.isArray(phones) || phones.length === 0) return 'phoneNumbers is empty';
  if (phones.length > 100) return 'phoneNumbers must have at most 100 entries';
  if (phones.some((p) => typeof p !== 'string' || p.length === 0 || p.length > 128)) return 'each phone number must be 1-128 characters';
  if (new Set(phones).size !== phones.length) return 'phone numbers must be unique';
  if (b.ttl !== undefined && b.validUntil !== undefined) return 'fields conflict: ttl and validUntil';
  if (b.ttl !== undefined && (typeof b.ttl !== 'number' || !Number.isInteger(b.ttl))) return 'ttl must be a whole number of seconds';
  if (typeof b.ttl === 'number' && b.ttl < 0) return 'message already expired';
  if (b.withDeliveryReport !== undefined && typeof b.withDeliveryReport !== 'boolean') return 'withDeliveryReport must be true or false';
  if (b.simNumber !== undefined && (typeof b.simNumber !== 'number' || !Number.isInteger(b.simNumber) || b.simNumber < 1 || b.simNumber > 3)) return 'simNumber must be 1-3';
  return undefined;
}

function respond(res: ServerResponse, answer: { status: number; body?: unknown; headers?: Record<string, string> }): void {
  const payload = answer.body === undefined ? '' : typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const type = typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  res.writeHead(answer.status, { ...(payload ? { 'content-type': type } : {}), ...answer.headers });
  res.end(payload);
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

/** The app's ids are 21-character nanoids. */
function nanoid(): string {
  return randomBytes(16).toString('base64url').slice(0, 21);
}
