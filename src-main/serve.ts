// `npm run serve`: the kiosk core in plain Node, with the renderer served to any Chromium on
// 127.0.0.1. A real deployment mode (a Chromium kiosk on a small box), not a test double.
import { existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyEnvironment, loadConfig } from './core/config/load.js';
import { createCore } from './core/app.js';
import { fileLogger } from './core/log.js';
import { clockStartingAt, systemClock } from './core/time/clock.js';
import { createHttpHost } from './serve/http-host.js';
import { parseFlags, portFlag, runCli, UsageError } from './cli/args.js';
import { defaultConfigPath, rendererDir } from './cli/paths.js';
import { createSystemdWatchdog, systemdNotifier } from './core/systemd/notify.js';
import { serveKeyProvider } from './core/privacy/template-key.js';

const USAGE = 'npm run serve -- --data-dir DIR [--config FILE.json] [--port 8787] [--health-port PORT (default health.port)] [--webhook-port PORT (default webhook.port)] [--key-file FILE, outside DIR] [--now ISO-8601 instant, for drills and training]';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    'data-dir': { type: 'string' },
    config: { type: 'string' },
    port: { type: 'string', default: '8787' },
    now: { type: 'string' },
    'health-port': { type: 'string' },
    'webhook-port': { type: 'string' },
    'key-file': { type: 'string' },
  }, USAGE);
  if (!flags['data-dir']) throw new UsageError(`--data-dir is required\n\nUsage: ${USAGE}`);
  const port = portFlag('port', flags.port)!;
  let clock = systemClock;
  if (flags.now) {
    const start = new Date(flags.now);
    if (Number.isNaN(start.getTime())) throw new UsageError(`--now must be an ISO-8601 instant, got ${flags.now}`);
    clock = clockStartingAt(start);
  }

  const healthPort = portFlag('health-port', flags['health-port']);
  // A second kiosk on the same box needs its own delivery-report port, as it needs its own --port.
  const webhookPort = portFlag('webhook-port', flags['webhook-port']);

  const config = applyEnvironment(loadConfig({ defaultsPath: defaultConfigPath, overridePath: flags.config }), process.env);
  if (!existsSync(`${rendererDir}/index.html`)) throw new Error(`The renderer is not built (${rendererDir}); run npm run build:renderer`);

  const dataDir = resolve(flags['data-dir']);
  mkdirSync(dataDir, { recursive: true });
  // JSON lines in <data>/logs (rotated), and on stderr for the journal.
  const log = await fileLogger({ dir: join(dataDir, 'logs'), stderr: true });
  const templateKey = serveKeyProvider({ keyFile: flags['key-file'], env: process.env, dataDir, home: homedir() });
  // Where the key is (never the key): without it every enrolled face must be enrolled again.
  log.info('template key', { source: templateKey.source });
  const core = createCore({
    config, dataDir, clock, log, templateKey,
    ...(healthPort !== undefined ? { healthPort } : {}),
    ...(webhookPort !== undefined ? { webhookPort } : {}),
  });
  const host = createHttpHost({ rendererDir, handlers: core.handlers, sessions: core.sessions, log, port });

  const systemd = createSystemdWatchdog({ notifier: systemdNotifier(), healthy: () => core.healthMonitor.internalChecksPass(), log });

  await core.start();
  await host.start();
  await systemd.start();
  process.stdout.write(`Rollcall kiosk at ${host.url} (data in ${dataDir})\n`);
  process.stdout.write(`Template key: ${templateKey.source} (keep an offline copy)\n`);
  if (core.healthServer.port) process.stdout.write(`Health at ${core.healthServer.url}/health\n`);
  // The webhook server does not stop the kiosk when its port is taken: the core has logged why.
  const delivery = (() => {
    try {
      return core.smsWebhook.port();
    } catch {
      return null;
    }
  })();
  if (delivery) process.stdout.write(`Delivery reports at http://${config.webhook.host}:${delivery}/sms-webhook\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await systemd.stop();
    await host.stop();
    await core.stop();
    await log.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
});
