// A stand-in for SMS Gateway for Android in local-server mode, on 127.0.0.1, following the protocol in
// sms-protocols.md §1.1-1.4: Basic auth on every route except /health, `POST /messages` validated like
// the app, 409 for an id it already holds, 202 with the MessageState, `GET /messages/:id` to poll.
// It is stricter than the app in one way: the deprecated top-level `message` field is refused, because
// our client must send `textMessage` (§6.2).
import { randomBytes } from 'node:crypto';
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
  receivedAt: Date;
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
  close(): Promise<void>;
}

interface MessageState {
  id: string;
  deviceId: string;
  state: 'Pending';
  isHashed: false;
  isEncrypted: boolean;
  recipients: Array<{ phoneNumber: string; state: 'Pending' }>;
  states: { Pending: string };
}

export async function startFakeAndroidGateway(opts: {
  username: string;
  password: string;
  behaviour?: Behaviour;
}): Promise<FakeAndroidGateway> {
  const deviceId = nanoid();
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
    if (request.method === 'GET' && request.path === '/health') {
      return { status: 200, body: { status: 'pass', version: 'fake', releaseId: 1, checks: {} } };
    }
    if (!authorised(req)) {
      return { status: 401, headers: { 'www-authenticate': 'Basic realm="Access to the \'/\' path", charset="UTF-8"' } };
    }
    if (request.method === 'POST' && request.path === '/messages') return postMessage(request);
    const poll = /^\/messages\/([^/]+)$/.exec(request.path);
    if (request.method === 'GET' && poll) {
      const state = states.get(decodeURIComponent(poll[1]!));
      return state ? { status: 200, body: state } : { status: 404 };
    }
    return { status: 404 };
  }

  function postMessage(request: GatewayRequest): Answer {
    const invalid = validate(request.body);
    if (invalid) return { status: 400, body: { message: invalid } };
    const b = request.body as PostBody;
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
      receivedAt: request.receivedAt,
    });
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
        receivedAt: new Date(),
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
    close() {
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
