// The metrics the services record, read the way IT reads them: the real core, the real dispatcher
// talking to the fake SMS Gateway, its signed reports into the real webhook listener, a real backup,
// then /metrics scraped over HTTP and metrics.json read from disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeAndroidGateway } from '../../../e2e/fakes/android-sms-gateway.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { testTemplateKey } from '../../test-support/template-key.js';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { createAndroidGatewayLocalProvider } from '../sms/providers/android-gateway-local.js';
import { registerGatewayWebhooks } from '../sms/webhook-registration.js';
import { smsGateSignature } from '../sms/webhook-signatures.js';
import { manualClock } from '../time/clock.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const KEY = 'Jx7pQ2mZ';
const REFUSED = '+447400222333';

/** Sample lines of the Prometheus text format, by series as printed (`name{labels}`). */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

async function startKiosk(t: { after: (f: () => Promise<void>) => void }) {
  const dataDir = tempDir();
  // Monday 2026-12-07, 07:20 in London: the morning check-in window is open.
  const clock = manualClock(new Date('2026-12-07T07:20:00Z'));
  const fake = await startFakeAndroidGateway({
    username: 'sms',
    password: 'pw',
    signingKey: KEY,
    phoneNow: () => Math.floor(clock.now().getTime() / 1000),
    retryBaseMs: 10,
    behaviour: (r) => {
      const to = (r.body as { phoneNumbers?: string[] } | undefined)?.phoneNumbers?.[0];
      return r.method === 'POST' && to === REFUSED ? { status: 400, body: { message: 'invalid phone number' } } : undefined;
    },
  });
  const config = parseConfig({
    ...defaults,
    sms: { ...defaults.sms, limits: { perMinute: 2, perHour: 60 }, androidGateway: { ...defaults.sms.androidGateway, webhookSigningKey: KEY } },
    webhook: { host: '127.0.0.1', port: 0 },
  });
  const core = createCore({
    templateKey: testTemplateKey(),
    config,
    dataDir,
    clock,
    log: silentLogger,
    healthPort: 0,
    smsProvider: createAndroidGatewayLocalProvider({ url: fake.url, username: 'sms', password: 'pw', withDeliveryReport: true, timeoutMs: 5_000, clock }),
  });
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,guardian2_name,guardian2_phone,pin\n' +
      '1001,Anastasia,Silvermann,7A,Mariabella Silvermann,07400 123456,Jon Silvermann,07400 654321,4821\n' +
      '1002,Bo,Lind,7A,Ulla Lind,07400 222333,,,5932\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(core.db, roster.students, clock.now());
  await core.start();
  t.after(async () => {
    await core.stop();
    await fake.close();
  });
  const webhookUrl = `http://127.0.0.1:${core.smsWebhook.port()}/sms-webhook`;
  await registerGatewayWebhooks({ url: fake.url, username: 'sms', password: 'pw', webhookUrl, timeoutMs: 2_000, log: silentLogger });
  const scrape = async () => samples(await (await fetch(`http://127.0.0.1:${core.healthServer.port}/metrics`)).text());
  const messageIdTo = (phone: string) => core.db.prepare('SELECT message_id FROM sms_outbox WHERE phone_e164 = ?').pluck().get(phone) as string;
  return { core, fake, clock, dataDir, webhookUrl, scrape, messageIdTo };
}

test('texts sent, refused, held back by the rate limit and reported delivered are counted as the outbox holds them', async (t) => {
  const k = await startKiosk(t);
  // One guardian's number is refused, then a check-in with two guardians: the limit (2 a minute) holds back the second text.
  assert.equal((await k.core.handlers['kiosk:check-in-pin']({ studentNumber: '1002', pin: '5932' }, { session: null })).outcome, 'recorded');
  await k.core.dispatcher.drainOnce();
  assert.equal((await k.core.handlers['kiosk:check-in-pin']({ studentNumber: '1001', pin: '4821' }, { session: null })).outcome, 'recorded');
  await k.core.dispatcher.drainOnce();
  await k.core.dispatcher.drainOnce();
  assert.equal(k.fake.received.length, 1, 'the phone holds only the first guardian\'s text');
  const delivered = k.fake.received[0]!.id;
  await k.fake.report(delivered, 'sms:sent');
  await k.fake.report(delivered, 'sms:delivered', { eventId: 'ev-delivered' });
  // The phone repeats an event it already had answered (same id): acknowledged, counted as a duplicate.
  await k.fake.report(delivered, 'sms:delivered', { eventId: 'ev-delivered' });
  // The listener applies after answering; applying again is idempotent, so this only waits for that work.
  k.core.smsWebhook.reports.applyPending();
  k.clock.advance(30_000);

  const m = await k.scrape();
  assert.equal(m.get('rollcall_sms_transitions_total{state="accepted"}'), 1);
  assert.equal(m.get('rollcall_sms_transitions_total{state="sent"}'), 1);
  assert.equal(m.get('rollcall_sms_transitions_total{state="delivered"}'), 1);
  assert.equal(m.get('rollcall_sms_transitions_total{state="failed"}'), 1);
  assert.equal(m.get('rollcall_sms_failures_total{reason="invalid_number"}'), 1);
  assert.equal(m.get('rollcall_sms_rate_limit_waits_total{window="60s"}'), 1, 'two passes during the same wait count once');
  assert.equal(m.get('rollcall_webhook_events_total{result="accepted"}'), 2);
  assert.equal(m.get('rollcall_webhook_events_total{result="duplicate"}'), 1);
  // The gauges are the outbox itself, every state present.
  const outbox: Record<string, number> = Object.fromEntries(
    (k.core.db.prepare('SELECT state, COUNT(*) AS n FROM sms_outbox GROUP BY state').all() as { state: string; n: number }[]).map((r) => [r.state, r.n]),
  );
  assert.deepEqual({ ...outbox }, { delivered: 1, failed: 1, queued: 1 });
  for (const state of ['queued', 'sending', 'accepted', 'sent', 'delivered', 'failed', 'expired']) {
    assert.equal(m.get(`rollcall_sms_outbox_messages{state="${state}"}`), outbox[state] ?? 0, state);
  }
  assert.equal(m.get('rollcall_sms_outbox_oldest_pending_age_seconds'), 30);
  assert.equal(m.get('rollcall_sms_delivery_ratio'), 0.5, 'one delivered of two ended: the admin screen\'s delivery rate');
  assert.equal(k.core.smsAdmin.capacityStatus().health.deliveryRatePercent, 50);

  await k.core.stop();
  const file = JSON.parse(readFileSync(join(k.dataDir, 'metrics.json'), 'utf8'));
  assert.equal(file.counters['rollcall_sms_transitions_total{state="delivered"}'], 1);
  assert.equal(file.counters['rollcall_sms_failures_total{reason="invalid_number"}'], 1);
  assert.equal(file.counters['rollcall_sms_rate_limit_waits_total{window="60s"}'], 1);
  assert.equal(file.counters['rollcall_webhook_events_total{result="accepted"}'], 2);
  assert.equal(file.gauges['rollcall_sms_outbox_messages{state="queued"}'], 1);
  assert.equal(file.gauges['rollcall_sms_outbox_messages{state="expired"}'], 0);
  assert.equal(file.gauges['rollcall_sms_delivery_ratio'], 0.5);
});

test('forged, stale, malformed and oversized delivery reports are counted by result', async (t) => {
  const k = await startKiosk(t);
  const now = Math.floor(k.clock.now().getTime() / 1000);
  const body = JSON.stringify({ id: 'e1', event: 'sms:delivered', payload: { messageId: 'rc-x', recipient: '+447400123456' } });
  const post = (b: string, ts: number, signature = smsGateSignature(KEY, Buffer.from(b), String(ts))) =>
    fetch(k.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', 'x-timestamp': String(ts), 'x-signature': signature }, body: b });
  assert.equal((await post(body, now, '0'.repeat(64))).status, 401);
  assert.equal((await post(body, now - 301)).status, 401);
  assert.equal((await post('{"id": ', now)).status, 400);
  assert.equal((await post(JSON.stringify({ pad: 'x'.repeat(20_000) }), now)).status, 413);
  assert.equal((await post(JSON.stringify({ id: 'p1', event: 'system:ping', payload: {} }), now)).status, 200);
  const m = await k.scrape();
  assert.equal(m.get('rollcall_webhook_events_total{result="bad_signature"}'), 1);
  assert.equal(m.get('rollcall_webhook_events_total{result="stale"}'), 1);
  assert.equal(m.get('rollcall_webhook_events_total{result="bad_request"}'), 1);
  assert.equal(m.get('rollcall_webhook_events_total{result="too_large"}'), 1);
  assert.equal(m.get('rollcall_webhook_events_total{result="ignored"}'), 1);
  assert.equal(m.get('rollcall_webhook_events_total{result="accepted"}'), undefined);
});

test('a backup cycle is counted with its duration, and the verified backups on disk are shown', async (t) => {
  const k = await startKiosk(t);
  // The start-up due check already takes the first backup; a second on demand joins or follows it.
  await k.core.backups.runDueCheck();
  const outcome = await k.core.backups.backupNow();
  assert.equal(outcome.ok, true);
  const m = await k.scrape();
  assert.equal(m.get('rollcall_backup_runs_total{result="ok"}'), 2);
  assert.equal(m.get('rollcall_backups_verified'), 2);
  assert.ok(m.get('rollcall_backup_duration_seconds')! > 0);
  assert.equal(m.get('rollcall_backup_last_success_timestamp_seconds'), k.clock.now().getTime() / 1000);
});
