// Optional: registers this kiosk's delivery-report URL with the gateway (`POST /webhooks`, §1.6), one
// registration per event. Fixed ids make it idempotent: a POST with an existing id replaces that hook,
// so registering at every start never piles up duplicates.
import type { Logger } from '../log.js';

export const reportEvents = ['sms:sent', 'sms:delivered', 'sms:failed'] as const;

export async function registerGatewayWebhooks(opts: {
  /** The gateway API base, as in sms.androidGateway.url. */
  url: string;
  username: string;
  password: string;
  /** The public URL the phone posts to (must be https://, or http://127.0.0.1 in local mode). */
  webhookUrl: string;
  deviceId?: string;
  timeoutMs: number;
  log: Logger;
  fetch?: typeof fetch;
}): Promise<{ registered: string[]; failed: string[] }> {
  const doFetch = opts.fetch ?? fetch;
  const authorization = 'Basic ' + Buffer.from(`${opts.username}:${opts.password}`, 'utf8').toString('base64');
  const registered: string[] = [];
  const failed: string[] = [];
  for (const event of reportEvents) {
    const id = `rollcall-${event.replace(':', '-')}`;
    try {
      const res = await doFetch(opts.url.replace(/\/+$/, '') + '/webhooks', {
        method: 'POST',
        headers: { authorization, 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ id, url: opts.webhookUrl, event, ...(opts.deviceId ? { deviceId: opts.deviceId } : {}) }),
        signal: AbortSignal.timeout(opts.timeoutMs),
      });
      const text = await res.text();
      if (res.status === 201 || res.status === 200) registered.push(event);
      else {
        failed.push(event);
        opts.log.warn('gateway refused the webhook registration', { event, status: res.status, message: text.slice(0, 200) });
      }
    } catch (e) {
      failed.push(event);
      opts.log.warn('could not register the webhook with the gateway', { event, error: (e as Error).name });
    }
  }
  return { registered, failed };
}
