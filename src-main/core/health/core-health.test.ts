// The core as both hosts build it: health, metrics and the watchdog wired to real check-ins and heartbeats.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { importRoster } from '../people/roster-import.js';
import { parseRoster } from '../people/roster.js';
import { manualClock } from '../time/clock.js';
import { createCore } from '../app.js';
import { tempDir } from '../../test-support/temp-dir.js';
import type { Heartbeat } from '../../../src-preload/contract.js';
import { metricsSnapshot } from '../metrics/json-export.js';
import { testTemplateKey } from '../../test-support/template-key.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

async function startCore(t: { after: (f: () => Promise<void>) => void }) {
  const dataDir = tempDir();
  const config = parseConfig({ ...defaults, school: { ...defaults.school, name: 'Hill School' } });
  // Monday 2026-12-07, 07:20 in London: the morning check-in window is open.
  const clock = manualClock(new Date('2026-12-07T07:20:00Z'));
  let mono = 5_000_000;
  const core = createCore({ templateKey: testTemplateKey(), config, dataDir, clock, log: silentLogger, healthPort: 0, monotonicMs: () => mono });
  const roster = parseRoster(
    'student_number,first_name,last_name,class,guardian_name,guardian_phone,pin\n' + '1001,Anastasia,Silvermann,7A,Mariabella Silvermann,07400 123456,4821\n',
    'GB',
  );
  assert.ok(roster.ok);
  importRoster(core.db, roster.students, clock.now());
  await core.start();
  t.after(() => core.stop());
  const base = `http://127.0.0.1:${core.healthServer.port}`;
  const get = async (path: string) => (await fetch(base + path)).text();
  const beat = (over: Partial<Heartbeat> = {}) =>
    core.handlers['kiosk:heartbeat']({ fps: 25, framesProcessed: 50, mediaSeconds: 2, cameraState: 'running', visionState: 'ready', detectMsP50: 20, embedMsP50: 30, ...over }, { session: null });
  const wait = (ms: number) => {
    clock.advance(ms);
    mono += ms;
  };
  return { core, dataDir, get, beat, wait, clock };
}

test('no name or phone number appears in any health or metrics output, even after a check-in that queued a text', async (t) => {
  const k = await startCore(t);
  const answer = await k.core.handlers['kiosk:check-in-pin']({ studentNumber: '1001', pin: '4821' }, { session: null });
  assert.equal(answer.outcome, 'recorded');
  const phone = (k.core.db.prepare('SELECT phone_e164 FROM sms_outbox').get() as { phone_e164: string }).phone_e164;
  k.wait(30_000);
  await k.beat({ error: 'a renderer error text' });
  await k.core.healthMonitor.sample();
  const outputs = await Promise.all(['/health', '/health/ready', '/health/live', '/health/system', '/health/database', '/health/components', '/metrics', '/ping'].map(k.get));
  await k.core.stop();
  outputs.push(readFileSync(join(k.dataDir, 'metrics.json'), 'utf8'));
  const all = outputs.join('\n');
  assert.match(all, /rollcall_check_ins_total\{method="pin",result="recorded"\} 1/);
  assert.match(all, /"total_records":1/);
  assert.match(all, /rollcall_sms_outbox_messages\{state="(queued|sending|accepted|sent)"\} 1/);
  for (const secret of ['Anastasia', 'Silvermann', 'Mariabella', phone, phone.slice(3), '07400', '123456']) {
    assert.equal(all.includes(secret), false, `"${secret}" must not appear`);
  }
});

/**
 * Prometheus text format 0.0.4, checked line by line (TYPE before samples, sample syntax, unique series).
 * prom-client prints "Nan" for event-loop stats before their first sample; Prometheus's float parser takes it.
 */
function parseExposition(text: string) {
  assert.ok(text.endsWith('\n'));
  const types = new Map<string, string>();
  const samples = new Map<string, number>();
  for (const line of text.split('\n').filter((l) => l !== '')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'TYPE') {
        assert.ok(!types.has(meta[2]!), `one TYPE for ${meta[2]}`);
        assert.match(meta[3]!, /^(counter|gauge|histogram|summary|untyped)$/);
        types.set(meta[2]!, meta[3]!);
      }
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (-?[0-9.e+-]+|NaN|Nan|\+Inf|-Inf)$/.exec(line);
    assert.ok(m, `sample line: ${line}`);
    const family = [...types.keys()].find((n) => m[1] === n || m[1]!.startsWith(`${n}_`));
    assert.ok(family, `TYPE before the first sample of ${m[1]}`);
    const key = m[1]! + (m[2] ?? '');
    assert.ok(!samples.has(key), `unique series ${key}`);
    samples.set(key, Number(m[3]));
  }
  return { types, samples };
}

test('/metrics parses as Prometheus text, counts what happened, and metrics.json holds the same values', async (t) => {
  const k = await startCore(t);
  await k.core.handlers['kiosk:check-in-pin']({ studentNumber: '1001', pin: '0000' }, { session: null });
  await k.core.handlers['kiosk:check-in-card']({ code: 'no-such-card' }, { session: null });
  await k.core.handlers['kiosk:identify']({ modelId: 'faceapi-resnet128-fapi-v1', embeddings: [new Array(128).fill(0.088)], quality: 0.9 }, { session: null });
  await k.beat();
  await k.core.healthMonitor.sample();
  const res = await fetch(`http://127.0.0.1:${k.core.healthServer.port}/metrics`);
  assert.match(res.headers.get('content-type')!, /^text\/plain; version=0\.0\.4/);
  const { types, samples } = parseExposition(await res.text());
  assert.equal(samples.get('rollcall_check_ins_total{method="pin",result="wrong_pin"}'), 1);
  assert.equal(samples.get('rollcall_check_ins_total{method="qr",result="unknown_card"}'), 1);
  assert.equal(samples.get('rollcall_check_ins_total{method="face",result="not_recognised"}'), 1);
  assert.equal(samples.get('rollcall_unknown_faces_total'), 1);
  assert.equal(samples.get('rollcall_recognition_duration_seconds_count'), 1);
  assert.equal(samples.get('rollcall_recognition_duration_seconds_bucket{le="+Inf"}'), 1);
  assert.ok(samples.has('process_cpu_seconds_total') && samples.has('nodejs_eventloop_lag_seconds'), 'process and event-loop metrics');
  for (const [name, type] of types) if (name.startsWith('rollcall_') && type === 'counter') assert.match(name, /_total$/);
  assert.ok(samples.size < 500, `series cardinality ${samples.size}`);

  const snap = await metricsSnapshot(k.core.metrics, k.clock.now(), k.clock.now());
  for (const [key, value] of Object.entries(snap.counters)) {
    if (key.startsWith('rollcall_')) assert.equal(value, samples.get(key), key);
  }
  assert.equal(snap.histograms['rollcall_recognition_duration_seconds']!.count, 1);
  await k.core.stop();
  const file = JSON.parse(readFileSync(join(k.dataDir, 'metrics.json'), 'utf8'));
  assert.equal(file.counters['rollcall_check_ins_total{method="pin",result="wrong_pin"}'], 1);
  assert.equal(typeof file.uptime_seconds, 'number');
});

test('serve host: a page that stops beating is reported stale and asked to reload on its next beat; the restart is logged and counted', async (t) => {
  const k = await startCore(t);
  assert.deepEqual(await k.beat(), { ok: true });
  k.wait(16_000);
  k.core.watchdog.tick();
  await k.core.healthMonitor.sample();
  const h = JSON.parse(await k.get('/health'));
  assert.equal(h.checks['renderer:heartbeatAge'][0].status, 'fail');
  assert.equal(h.checks['renderer:restarts'][0].observedValue, 1);
  // The page comes back (or a reload of a wedged one took): its next beat carries the command, once.
  assert.deepEqual(await k.beat(), { ok: true, command: 'reload' });
  assert.deepEqual(await k.beat(), { ok: true });
  const log = readFileSync(join(k.dataDir, 'logs', 'watchdog_restarts.log'), 'utf8');
  assert.match(log, /^2026-12-07T07:20:16\.000Z - Watchdog reload \(reason: heartbeat-timeout\)\n$/);
  assert.match(await k.get('/metrics'), /rollcall_watchdog_actions_total\{action="reload",reason="heartbeat-timeout"\} 1/);
});

test('serve host: a page whose camera stopped is asked to re-open the camera, not to reload', async (t) => {
  const k = await startCore(t);
  const commands: (string | undefined)[] = [];
  for (let i = 0; i <= 8; i++) {
    commands.push((await k.beat({ fps: 0, cameraState: i === 0 ? 'running' : 'stalled' })).command);
    k.wait(2000);
    k.core.watchdog.tick();
  }
  // Stalled from the beat at 2 s; re-opened 10 s later, the command collected by the next beat.
  assert.deepEqual(commands, [undefined, undefined, undefined, undefined, undefined, undefined, 'reopen-camera', undefined, undefined]);
  assert.match(readFileSync(join(k.dataDir, 'logs', 'watchdog_restarts.log'), 'utf8'), /Watchdog reopen-camera \(reason: camera-stalled\)/);
});
