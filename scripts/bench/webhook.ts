// Webhook throughput and latency: signed SMS Gateway delivery reports fired at the real listener on
// 127.0.0.1 (real SQLite file, every event stored and applied), with the listener's health route
// probed every 100 ms meanwhile. Bounded: `seconds` per round, `rounds` rounds; medians of the rounds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../../src-main/core/db/open.js';
import { silentLogger } from '../../src-main/core/log.js';
import { enqueueSms } from '../../src-main/core/sms/outbox.js';
import { createSmsWebhookService } from '../../src-main/core/sms/webhook-service.js';
import { smsGateSignature } from '../../src-main/core/sms/webhook-signatures.js';
import { systemClock } from '../../src-main/core/time/clock.js';

export interface WebhookBench {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  healthP99: number;
  non2xx: number;
  applied: number;
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function round(seconds: number, connections: number): Promise<WebhookBench> {
  const dir = mkdtempSync(join(tmpdir(), 'rollcall-bench-webhook-'));
  const db = openDatabase(join(dir, 'rollcall.db'));
  const now = new Date();
  const ids: string[] = [];
  db.transaction(() => {
    for (let i = 0; i < 2000; i++) {
      enqueueSms(db, { idempotencyKey: `bench:${i}`, type: 'check_in', studentId: null, guardianId: null, attendanceId: null, phoneE164: `+4474${10_000_000 + i}`, body: 'bench', now, ttlSeconds: 7200 });
    }
    db.prepare(`UPDATE sms_outbox SET state = 'accepted'`).run();
  })();
  for (const r of db.prepare('SELECT message_id FROM sms_outbox').pluck().all() as string[]) ids.push(r);
  const key = 'benchKey';
  const service = createSmsWebhookService({ db, clock: systemClock, log: silentLogger, host: '127.0.0.1', port: 0, secrets: () => ({ signingKey: key, twilioAuthToken: '', twilioCallbackUrl: '' }) });
  await service.start();
  const url = `http://127.0.0.1:${service.port()}/sms-webhook`;
  const latencies: number[] = [];
  const health: number[] = [];
  let non2xx = 0;
  let seq = 0;
  const until = performance.now() + seconds * 1000;
  const events = ['sms:sent', 'sms:delivered'];
  async function worker(): Promise<void> {
    while (performance.now() < until) {
      const n = seq++;
      const body = JSON.stringify({
        id: `ev-${n}`,
        webhookId: 'w',
        event: events[n % 2],
        deviceId: 'bench',
        payload: { messageId: ids[Math.floor(n / 2) % ids.length], recipient: '+447400000000', simNumber: 1 },
      });
      const ts = String(Math.floor(Date.now() / 1000));
      const started = performance.now();
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': smsGateSignature(key, Buffer.from(body), ts) }, body });
      await res.arrayBuffer();
      latencies.push(performance.now() - started);
      if (res.status < 200 || res.status >= 300) non2xx++;
    }
  }
  const probe = (async () => {
    while (performance.now() < until) {
      const started = performance.now();
      const res = await fetch(url + '/health');
      await res.arrayBuffer();
      health.push(performance.now() - started);
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  const began = performance.now();
  await Promise.all([...Array.from({ length: connections }, worker), probe]);
  const elapsed = (performance.now() - began) / 1000;
  await service.stop();
  const applied = db.prepare('SELECT COUNT(*) FROM sms_webhook_events WHERE applied_at IS NOT NULL').pluck().get() as number;
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return { requests: latencies.length, perSecond: latencies.length / elapsed, p50: pct(latencies, 50), p99: pct(latencies, 99), healthP99: pct(health, 99), non2xx, applied };
}

export async function benchWebhook(opts: { seconds: number; rounds: number; connections: number }): Promise<{ rounds: WebhookBench[]; median: WebhookBench }> {
  const rounds: WebhookBench[] = [];
  for (let i = 0; i < opts.rounds; i++) rounds.push(await round(opts.seconds, opts.connections));
  const med = (f: (r: WebhookBench) => number) => pct(rounds.map(f), 50);
  return {
    rounds,
    median: {
      requests: med((r) => r.requests),
      perSecond: med((r) => r.perSecond),
      p50: med((r) => r.p50),
      p99: med((r) => r.p99),
      healthP99: med((r) => r.healthP99),
      non2xx: med((r) => r.non2xx),
      applied: med((r) => r.applied),
    },
  };
}
