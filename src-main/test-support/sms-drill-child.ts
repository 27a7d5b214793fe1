// The dispatcher as its own process for the outbox drill (sms/drill.test.ts), which kills it with
// SIGKILL at random points. Time runs `speed` times faster than real time from a shared origin, so
// the parent and every child agree on "true" time without sharing a process: that true time is this
// child's monotonic clock (as CLOCK_MONOTONIC survives a process restart), and its wall clock is true
// time plus a step that can change mid-run. It prints "ready" once sending, and, when told to
// `--settle`, exits 0 as soon as no text is waiting for the gateway or for its report. The drill
// bundles it with esbuild so a restart takes milliseconds, not the seconds of a TypeScript load.
import { openDatabase } from '../core/db/open.js';
import { silentLogger } from '../core/log.js';
import { createSmsDispatcher } from '../core/sms/dispatcher.js';
import { createAndroidGatewayLocalProvider } from '../core/sms/providers/android-gateway-local.js';
import { createSmsWebhookService } from '../core/sms/webhook-service.js';
import { registerGatewayWebhooks } from '../core/sms/webhook-registration.js';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) throw new Error(`--${name} is required`);
  return process.argv[i + 1]!;
};
const origin = Number(arg('origin-real-ms'));
const virtualStart = Number(arg('origin-virtual-ms'));
const speed = Number(arg('speed'));
const wallStepMs = Number(arg('wall-step-ms'));
const stepAgainAt = Number(arg('step-again-at-virtual-ms'));
const stepAgainBy = Number(arg('step-again-by-ms'));
const settle = process.argv.includes('--settle');

const trueNow = () => virtualStart + (Date.now() - origin) * speed;
const clock = { now: () => new Date(trueNow() + wallStepMs + (trueNow() >= stepAgainAt ? stepAgainBy : 0)) };
const db = openDatabase(arg('db'), { now: clock.now });
// SIGKILL loses nothing the OS already has, so the per-commit fsync of FULL (there for power cuts)
// only slows the drill below the rate it must test.
db.pragma('synchronous = NORMAL');
const signingKey = arg('signing-key');

const webhook = createSmsWebhookService({
  db,
  clock,
  log: silentLogger,
  host: '127.0.0.1',
  port: 0,
  secrets: () => ({ signingKey, twilioAuthToken: '', twilioCallbackUrl: '' }),
});
const dispatcher = createSmsDispatcher({
  db,
  provider: createAndroidGatewayLocalProvider({ url: arg('gateway'), username: 'sms', password: 'drill', withDeliveryReport: true, timeoutMs: 400 }),
  clock,
  log: silentLogger,
  settings: () => ({ limits: { perMinute: 10, perHour: 60 }, quietHours: null, timeZone: 'Europe/London' }),
  monotonic: trueNow,
  // The guard covers a request's travel to the gateway, seen `speed` times longer here. On a loaded test
  // machine that is up to ~200 ms of real time (the drill prints what it saw); 500 ms leaves room.
  rateGuardMs: 500 * speed,
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms / speed);
    return { cancel: () => clearTimeout(t) };
  },
  pollIntervalMs: 2_000,
  backoff: { baseMs: 2_000, maxMs: 120_000 },
});

async function main(): Promise<void> {
  await webhook.start();
  await registerGatewayWebhooks({
    url: arg('gateway'),
    username: 'sms',
    password: 'drill',
    webhookUrl: `http://127.0.0.1:${webhook.port()}/sms-webhook`,
    timeoutMs: 2_000,
    log: silentLogger,
  });
  await dispatcher.start();
  process.stdout.write('ready\n');
  if (!settle) return;
  const open = db.prepare(`SELECT COUNT(*) FROM sms_outbox WHERE state IN ('queued', 'sending', 'accepted')`).pluck();
  const check = setInterval(() => {
    if ((open.get() as number) > 0) return;
    clearInterval(check);
    void dispatcher.stop().then(() => webhook.stop()).then(() => {
      db.close();
      process.exit(0);
    });
  }, 20);
}

void main();
