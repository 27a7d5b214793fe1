// `npm run serve`: the kiosk core in plain Node, with the renderer served to any Chromium on
// 127.0.0.1. A real deployment mode (a Chromium kiosk on a small box), not a test double.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { applyEnvironment, loadConfig } from './core/config/load.js';
import { createCore } from './core/app.js';
import { jsonLogger } from './core/log.js';
import { clockStartingAt, systemClock } from './core/time/clock.js';
import { createHttpHost } from './serve/http-host.js';
import { parseFlags, runCli, UsageError } from './cli/args.js';
import { defaultConfigPath, rendererDir } from './cli/paths.js';

const USAGE = 'npm run serve -- --data-dir DIR [--config FILE.json] [--port 8787] [--now ISO-8601 instant, for drills and training]';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    'data-dir': { type: 'string' },
    config: { type: 'string' },
    port: { type: 'string', default: '8787' },
    now: { type: 'string' },
  }, USAGE);
  if (!flags['data-dir']) throw new UsageError(`--data-dir is required\n\nUsage: ${USAGE}`);
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0-65535, got ${flags.port}`);
  let clock = systemClock;
  if (flags.now) {
    const start = new Date(flags.now);
    if (Number.isNaN(start.getTime())) throw new UsageError(`--now must be an ISO-8601 instant, got ${flags.now}`);
    clock = clockStartingAt(start);
  }

  const config = applyEnvironment(loadConfig({ defaultsPath: defaultConfigPath, overridePath: flags.config }), process.env);
  if (!existsSync(`${rendererDir}/index.html`)) throw new Error(`The renderer is not built (${rendererDir}); run npm run build:renderer`);

  const dataDir = resolve(flags['data-dir']);
  mkdirSync(dataDir, { recursive: true });
  const log = jsonLogger();
  const core = createCore({ config, dataDir, clock, log });
  const host = createHttpHost({ rendererDir, handlers: core.handlers, sessions: core.sessions, log, port });

  await core.start();
  await host.start();
  process.stdout.write(`Rollcall kiosk at ${host.url} (data in ${dataDir})\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await host.stop();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
});
