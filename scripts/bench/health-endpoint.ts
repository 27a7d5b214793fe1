// The health server under a bounded load on loopback: a real core (SQLite file, background checks),
// a fixed number of concurrent pollers, latency per request. Health is served from cache, so the
// numbers say what a poller or a supervisor with a 5 s timeout can expect.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, Agent } from 'node:http';
import { parseConfig } from '../../src-main/core/config/load.js';
import { defaultConfigPath } from '../../src-main/cli/paths.js';
import { createCore } from '../../src-main/core/app.js';
import { silentLogger } from '../../src-main/core/log.js';
import { systemClock } from '../../src-main/core/time/clock.js';
import { percentile } from './verification.js';
import { testTemplateKey } from '../../src-main/test-support/template-key.js';

function get(agent: Agent, port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(performance.now() - t0));
    });
    req.on('error', reject);
    req.end();
  });
}

export async function benchHealthEndpoint(opts: { requests: number; concurrency: number }) {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-health-'));
  const config = parseConfig(JSON.parse(readFileSync(defaultConfigPath, 'utf8')));
  const core = createCore({ config, dataDir: dir, clock: systemClock, log: silentLogger, healthPort: 0, templateKey: testTemplateKey() });
  await core.start();
  const agent = new Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const results: Record<string, number[]> = {};
  try {
    for (const path of ['/health', '/health/live', '/metrics']) {
      // Warm-up (connections, JIT) is not what a poller sees in steady state.
      for (let i = 0; i < 200; i++) await get(agent, core.healthServer.port, path);
      const times: number[] = [];
      let next = 0;
      const worker = async () => {
        while (next < opts.requests) {
          next++;
          times.push(await get(agent, core.healthServer.port, path));
        }
      };
      await Promise.all(Array.from({ length: opts.concurrency }, worker));
      results[path] = times.sort((a, b) => a - b);
    }
  } finally {
    agent.destroy();
    await core.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    /** The machine's 1-minute load average during the run: on a shared box it explains the tail. */
    load: loadavg()[0]!,
    paths: Object.entries(results).map(([path, t]) => ({ path, n: t.length, p50: percentile(t, 0.5), p99: percentile(t, 0.99), max: t.at(-1)! })),
  };
}
