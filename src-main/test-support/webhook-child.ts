// The delivery-report listener as its own process, for the crash drill (sms/webhook-crash.test.ts),
// which kills it with SIGKILL while reports are in flight. Prints the bound port once listening.
import { openDatabase } from '../core/db/open.js';
import { silentLogger } from '../core/log.js';
import { createSmsWebhookService } from '../core/sms/webhook-service.js';
import { systemClock } from '../core/time/clock.js';

const [file, signingKey] = process.argv.slice(2) as [string, string];
const db = openDatabase(file);
const webhook = createSmsWebhookService({
  db,
  clock: systemClock,
  log: silentLogger,
  host: '127.0.0.1',
  port: 0,
  secrets: () => ({ signingKey, twilioAuthToken: '', twilioCallbackUrl: '' }),
});
await webhook.start();
process.stdout.write(`${webhook.port()}\n`);
