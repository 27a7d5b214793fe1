// A stand-in for Twilio Programmable Messaging on 127.0.0.1, following sms-protocols.md §2: Basic auth
// with AccountSid:AuthToken, form-encoded `POST /2010-04-01/Accounts/{sid}/Messages.json` answered 201
// with the Message JSON, Twilio's error body and codes for unusable numbers (400), `GET
// Messages/{sid}.json`, a `To`/`DateSent>` filtered list, and status callbacks to StatusCallback signed
// with X-Twilio-Signature (no callback for the initial status). Like Twilio, it has no idempotency: the
// same request twice makes two messages.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TwilioRequest {
  method: string;
  path: string;
  search: URLSearchParams;
  headers: IncomingHttpHeaders;
  form: URLSearchParams;
}

/** Like the gateway fake: a status to answer with instead, or `hang` (the message is created, no answer). */
export type TwilioBehaviour = (req: TwilioRequest) => { status: number; body?: unknown; headers?: Record<string, string> } | { hang: true } | undefined;

export interface TwilioMessage {
  sid: string;
  account_sid: string;
  to: string;
  from: string;
  body: string;
  status: string;
  num_segments: string;
  date_created: string;
  error_code: number | null;
  error_message: string | null;
  statusCallback: string | undefined;
}

export interface FakeTwilio {
  /** API base, e.g. "http://127.0.0.1:43817". */
  url: string;
  messages: TwilioMessage[];
  requests: TwilioRequest[];
  /** Moves a message to `status` and posts the signed callback; resolves with the kiosk's HTTP status. */
  advance(sid: string, status: 'sent' | 'delivered' | 'undelivered' | 'failed', errorCode?: number): Promise<number>;
  close(): Promise<void>;
}

/** Numbers Twilio refuses at create time, with its codes (§2 table). */
const refused: Record<string, { code: number; message: string }> = {
  '+15005550001': { code: 21211, message: "The 'To' number +15005550001 is not a valid phone number." },
  '+15005550009': { code: 21614, message: "'To' number is not a valid mobile number" },
  '+15005550004': { code: 21610, message: 'Attempt to send to unsubscribed recipient' },
};

export async function startFakeTwilio(opts: {
  accountSid: string;
  authToken: string;
  behaviour?: TwilioBehaviour;
  /**
   * Twilio signs the public StatusCallback URL (the school's TLS proxy); this maps it to the loopback
   * address the proxy would forward to, where the test kiosk listens.
   */
  forwardCallback?: (publicUrl: string) => string;
}): Promise<FakeTwilio> {
  const messages: TwilioMessage[] = [];
  const requests: TwilioRequest[] = [];
  const base = `/2010-04-01/Accounts/${opts.accountSid}`;
  const error = (status: number, code: number, message: string) => ({ status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } });

  function route(req: TwilioRequest): { status: number; body?: unknown } {
    const auth = req.headers.authorization ?? '';
    if (Buffer.from(auth.replace(/^Basic /, ''), 'base64').toString() !== `${opts.accountSid}:${opts.authToken}`) return error(401, 20003, 'Authenticate');
    if (req.method === 'POST' && req.path === `${base}/Messages.json`) {
      if (!/^application\/x-www-form-urlencoded/.test(String(req.headers['content-type']))) return error(400, 20001, 'form encoding required');
      const to = req.form.get('To') ?? '';
      const body = req.form.get('Body') ?? '';
      if (!req.form.get('From') && !req.form.get('MessagingServiceSid')) return error(400, 21603, "A 'From' phone number is required.");
      if (!body) return error(400, 21602, 'Message body is required.');
      if (body.length > 1600) return error(400, 21617, 'The concatenated message body exceeds the 1600 character limit.');
      if (!/^\+[1-9]\d{1,14}$/.test(to)) return error(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
      const bad = refused[to];
      if (bad) return error(400, bad.code, bad.message);
      const m: TwilioMessage = {
        sid: 'SM' + randomBytes(16).toString('hex'),
        account_sid: opts.accountSid,
        to,
        from: req.form.get('From') ?? '',
        body,
        status: 'queued',
        num_segments: '1',
        date_created: new Date().toUTCString(),
        error_code: null,
        error_message: null,
        statusCallback: req.form.get('StatusCallback') ?? undefined,
      };
      messages.push(m);
      return { status: 201, body: publicView(m) };
    }
    const one = new RegExp(`^${base}/Messages/(SM[0-9a-f]{32})\\.json$`).exec(req.path);
    if (req.method === 'GET' && one) {
      const m = messages.find((x) => x.sid === one[1]);
      return m ? { status: 200, body: publicView(m) } : error(404, 20404, 'The requested resource was not found');
    }
    if (req.method === 'GET' && req.path === `${base}/Messages.json`) {
      const to = req.search.get('To');
      const since = req.search.get('DateSent>');
      const list = messages
        .filter((m) => (!to || m.to === to) && (!since || Date.parse(m.date_created) >= Date.parse(since)))
        .reverse()
        .map(publicView);
      return { status: 200, body: { messages: list, page: 0, page_size: 50 } };
    }
    return error(404, 20404, 'The requested resource was not found');
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const request: TwilioRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        search: url.searchParams,
        headers: req.headers,
        form: new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      };
      requests.push(request);
      const override = opts.behaviour?.(request);
      if (override && 'hang' in override) {
        route(request);
        return;
      }
      const answer = override ?? route(request);
      const payload = answer.body === undefined ? '' : JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json', ...('headers' in answer && answer.headers ? answer.headers : {}) });
      res.end(payload);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    messages,
    requests,
    async advance(sid, status, errorCode) {
      const m = messages.find((x) => x.sid === sid);
      if (!m) throw new Error(`fake Twilio holds no message ${sid}`);
      m.status = status;
      if (errorCode) m.error_code = errorCode;
      if (!m.statusCallback) return 0;
      const params: Record<string, string> = {
        MessageSid: m.sid,
        SmsSid: m.sid,
        MessageStatus: status,
        SmsStatus: status,
        AccountSid: opts.accountSid,
        From: m.from,
        To: m.to,
        ApiVersion: '2010-04-01',
        ...(errorCode ? { ErrorCode: String(errorCode) } : {}),
      };
      const data = m.statusCallback + Object.keys(params).sort().map((k) => k + params[k]).join('');
      const signature = createHmac('sha1', opts.authToken).update(data).digest('base64');
      const target = opts.forwardCallback?.(m.statusCallback) ?? m.statusCallback;
      const res = await fetch(target, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature, 'i-twilio-idempotency-token': randomBytes(8).toString('hex') },
        body: new URLSearchParams(params).toString(),
      });
      await res.arrayBuffer();
      return res.status;
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

function publicView(m: TwilioMessage) {
  const { statusCallback: _cb, ...rest } = m;
  return rest;
}
