import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db/open.js';
import { silentLogger } from '../log.js';
import { createMetrics } from '../metrics/metrics.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import type { Heartbeat } from '../../../src-preload/contract.js';
import type { BackupHealth, SmsHealth, WatchdogHealth } from './checks.js';
import { createHealthMonitor } from './monitor.js';
import { createHealthServer } from './server.js';
import { createScreenReports } from './screen-reports.js';
import type { LogFileHealth } from '../log-space.js';

const T0 = new Date('2026-12-07T07:40:00Z');
const GB = 1024 ** 3;

/** A kiosk whose every input the test sets; a real database file and a real server on 127.0.0.1:0. */
async function kiosk(opts: { readOnlyDb?: boolean; token?: string; sms?: boolean; backup?: boolean } = {}) {
  const dir = tempDir();
  const dbFile = join(dir, 'rollcall.db');
  const writable = openDatabase(dbFile);
  const db = opts.readOnlyDb ? new Database(dbFile, { readonly: true }) : writable;
  const clock = manualClock(T0);
  let mono = 1_000_000;
  const screen = createScreenReports();
  const input = {
    disk: { freeBytes: 40 * GB, totalBytes: 100 * GB },
    lag: 0.004,
    watchdog: { restartsLastHour: 0, outOfOrder: false } as WatchdogHealth,
    guard: { state: 'ok', reason: null } as { state: 'ok' | 'reserve_in_use' | 'full'; reason: string | null },
    sms: { lastSuccessAt: T0, consecutiveFailures: 0, oldestPendingAt: null, pending: 0 } as SmsHealth,
    backup: { newestVerifiedAt: new Date(T0.getTime() - 20 * 60_000), verifiedCount: 24, keep: 24 } as BackupHealth,
    logFile: { droppedLines: 0, failing: false, lastError: null, lastErrorAt: null } as LogFileHealth,
    ignoredSettings: 0,
  };
  const metrics = createMetrics({ defaultMetrics: false });
  const monitor = createHealthMonitor({
    db,
    dbFile,
    dataDir: dir,
    clock,
    log: silentLogger,
    identity: { releaseId: '0.1.0', serviceId: 'north-gate' },
    screen,
    faceRecognition: () => true,
    watchdog: () => input.watchdog,
    localDate: () => '2026-12-07',
    ...(opts.sms === false ? {} : { smsHealth: () => input.sms }),
    ...(opts.backup === false ? {} : { backupStatus: () => input.backup }),
    metrics,
    monotonicMs: () => mono,
    statfs: () => input.disk,
    diskGuard: () => input.guard,
    eventLoopP99: () => input.lag,
    dbProbeIntervalMs: 0,
    logFile: () => input.logFile,
    ignoredSettings: () => input.ignoredSettings,
  });
  const server = createHealthServer({ monitor, metrics, clock, log: silentLogger, host: '127.0.0.1', port: 0, ...(opts.token ? { token: opts.token } : {}) });
  await monitor.start();
  await server.start();
  const beat = (over: Partial<Heartbeat> = {}) =>
    screen.record({ fps: 24, framesProcessed: 100, mediaSeconds: 4, cameraState: 'running', visionState: 'ready', detectMsP50: 30, embedMsP50: 40, lastFrameAgeMs: 40, ...over }, clock.now());
  /** Time passes on both clocks, as it does when nobody touches the system clock. */
  const wait = (ms: number) => {
    clock.advance(ms);
    mono += ms;
  };
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`, { headers });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), text, body: text.startsWith('{') ? JSON.parse(text) : null };
  };
  const check = (doc: { checks: Record<string, Record<string, unknown>[]> }, key: string) => doc.checks[key]![0]! as { status: string; observedValue?: unknown; [k: string]: unknown };
  const stop = async () => {
    await server.stop();
    await monitor.stop();
    if (db !== writable) db.close();
    writable.close();
  };
  beat();
  await monitor.sample();
  return { input, beat, wait, monitor, get, check, stop, clock, metrics, setMono: (m: number) => (mono = m), mono: () => mono };
}

test('a healthy kiosk passes everywhere, as application/health+json with a freshness lifetime', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  const h = await k.get('/health');
  assert.equal(h.status, 200);
  assert.equal(h.type, 'application/health+json');
  assert.equal(h.cache, 'max-age=10');
  assert.equal(h.body.status, 'pass', JSON.stringify(h.body, null, 1));
  assert.equal(h.body.releaseId, '0.1.0');
  for (const key of ['sqlite:responseTime', 'sqlite:integrity', 'camera:frameAge', 'recognizer:responseTime', 'renderer:heartbeatAge', 'disk:utilization', 'smsGateway:reachability', 'smsOutbox:oldestPendingAge', 'backup:age', 'backup:count', 'clock:offset', 'eventLoop:lag']) {
    const c = h.body.checks[key]?.[0];
    assert.ok(c, `${key} present`);
    assert.equal(c.status, 'pass', key);
    assert.match(c.time, /^\d{4}-\d\d-\d\dT/);
  }
  assert.equal(k.check(h.body, 'recognizer:responseTime').observedValue, 70);
  assert.equal(k.check(h.body, 'sqlite:integrity').observedValue, 'ok');
  const ready = await k.get('/health/ready');
  assert.equal(ready.status, 200);
  assert.deepEqual(Object.keys(ready.body.checks).sort(), ['camera:frameAge', 'disk:utilization', 'recognizer:responseTime', 'renderer:heartbeatAge', 'sqlite:integrity', 'sqlite:responseTime', 'watchdog:state']);
  const live = await k.get('/health/live');
  assert.equal(live.status, 200);
  assert.equal(live.body.checks['eventLoop:lag'][0].observedValue, 0.004);
  assert.deepEqual((await k.get('/ping')).body.status, 'ok');
});

test('SMS gateway down: /health warns with 200, the kiosk stays ready', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.wait(20 * 60_000);
  k.beat();
  k.input.sms = { lastSuccessAt: T0, consecutiveFailures: 4, oldestPendingAt: new Date(T0.getTime() + 5 * 60_000), pending: 37, lastError: 'HTTP 503 from provider' };
  await k.monitor.sample();
  const h = await k.get('/health');
  assert.equal(h.status, 200);
  assert.equal(h.body.status, 'warn');
  assert.equal(k.check(h.body, 'smsGateway:reachability').status, 'warn');
  assert.equal(k.check(h.body, 'smsGateway:reachability').observedValue, 1200);
  assert.equal(k.check(h.body, 'smsOutbox:oldestPendingAge').status, 'warn');
  assert.ok(h.body.notes.includes('sms gateway degraded; messages are queued'));
  const ready = await k.get('/health/ready');
  assert.equal(ready.status, 200);
  assert.equal(ready.body.status, 'pass');
});

for (const [what, beat, key] of [
  ['camera unplugged', { cameraState: 'error', fps: 0, error: 'the camera was disconnected' }, 'camera:frameAge'],
  ['face model missing', { visionState: 'error', error: 'model file not found' }, 'recognizer:responseTime'],
] as const) {
  test(`${what}: /health and /health/ready fail with 503, /health/live stays 200`, async (t) => {
    const k = await kiosk();
    t.after(k.stop);
    k.beat(beat);
    await k.monitor.sample();
    const h = await k.get('/health');
    assert.equal(h.status, 503);
    assert.equal(h.body.status, 'fail');
    assert.equal(k.check(h.body, key).status, 'fail');
    assert.equal((await k.get('/health/ready')).status, 503);
    assert.equal((await k.get('/health/live')).status, 200);
  });
}

test('camera frames stopping: warn after 2 s, fail after 10 s', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.beat({ cameraState: 'stalled', lastFrameAgeMs: 4000, fps: 0 });
  await k.monitor.sample();
  assert.equal(k.check(k.monitor.health()!, 'camera:frameAge').status, 'warn');
  k.beat({ cameraState: 'stalled', lastFrameAgeMs: 11_000, fps: 0 });
  await k.monitor.sample();
  assert.equal(k.check(k.monitor.health()!, 'camera:frameAge').status, 'fail');
  assert.equal((await k.get('/health/ready')).status, 503);
});

test('a camera and face models paused under the admin screen are warnings that say why, and the kiosk stays ready', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.beat({ cameraState: 'paused', visionState: 'paused', fps: 0 });
  await k.monitor.sample();
  for (const key of ['camera:frameAge', 'recognizer:responseTime']) {
    const check = k.check(k.monitor.health()!, key);
    assert.deepEqual([check.status, check.output], ['warn', 'paused while the admin screen is open'], key);
  }
  assert.equal((await k.get('/health/ready')).status, 200);
});

test('a page that said "paused" and then went away is not reported as paused: camera and recogniser fail, and /health/components says unhealthy', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.beat({ cameraState: 'paused', visionState: 'paused', fps: 0 });
  await k.monitor.sample();
  assert.equal((await k.get('/health/components')).body.camera.status, 'degraded');
  k.wait(60_000);
  await k.monitor.sample();
  const h = k.monitor.health()!;
  for (const key of ['camera:frameAge', 'recognizer:responseTime']) {
    const check = k.check(h, key);
    assert.equal(check.status, 'fail', key);
    assert.doesNotMatch(String(check.output), /^paused/, key);
  }
  const camera = (await k.get('/health/components')).body.camera;
  assert.equal(camera.status, 'unhealthy');
  assert.match(camera.message, /no report from the kiosk screen for 60 s/);
});

test('/health/components never calls a camera with no frames healthy', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.beat({ cameraState: 'running', fps: 0, lastFrameAgeMs: 40 });
  await k.monitor.sample();
  const camera = (await k.get('/health/components')).body.camera;
  assert.deepEqual([camera.status, camera.fps], ['degraded', 0]);
});

test('backups on a fresh install: one a hour since the first is enough on day one; fewer than the hours since warns', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  const hoursAgo = (h: number) => new Date(T0.getTime() - h * 3600_000);
  k.input.backup = { newestVerifiedAt: hoursAgo(0.2), oldestVerifiedAt: hoursAgo(0.2), verifiedCount: 1, keep: 24, intervalMinutes: 60 };
  await k.monitor.sample();
  assert.equal(k.check(k.monitor.health()!, 'backup:count').status, 'pass');
  k.input.backup = { newestVerifiedAt: hoursAgo(0.2), oldestVerifiedAt: hoursAgo(5.2), verifiedCount: 6, keep: 24, intervalMinutes: 60 };
  await k.monitor.sample();
  assert.deepEqual([k.check(k.monitor.health()!, 'backup:count').status, k.check(k.monitor.health()!, 'backup:count').expected], ['pass', 5]);
  k.input.backup = { newestVerifiedAt: hoursAgo(0.2), oldestVerifiedAt: hoursAgo(5.2), verifiedCount: 3, keep: 24, intervalMinutes: 60 };
  await k.monitor.sample();
  const c = k.check(k.monitor.health()!, 'backup:count');
  assert.deepEqual([c.status, c.output], ['warn', '3 verified backups where 5 were expected']);
  k.input.backup = { newestVerifiedAt: hoursAgo(0.2), oldestVerifiedAt: hoursAgo(23.2), verifiedCount: 24, keep: 24, intervalMinutes: 60 };
  await k.monitor.sample();
  assert.equal(k.check(k.monitor.health()!, 'backup:count').status, 'pass');
});

test('renderer frozen: heartbeat age warns from 3 s and fails past 10 s', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.wait(5000);
  await k.monitor.sample();
  assert.equal(k.check(k.monitor.health()!, 'renderer:heartbeatAge').status, 'warn');
  assert.equal(k.monitor.health()!.status, 'warn');
  k.wait(6000);
  await k.monitor.sample();
  const h = await k.get('/health');
  assert.equal(k.check(h.body, 'renderer:heartbeatAge').status, 'fail');
  assert.equal(k.check(h.body, 'renderer:heartbeatAge').observedValue, 11);
  assert.equal(h.status, 503);
  assert.equal((await k.get('/health/live')).status, 200);
});

test('database read-only: the write check fails with the SQLite code, and so does readiness', async (t) => {
  const k = await kiosk({ readOnlyDb: true });
  t.after(k.stop);
  const h = await k.get('/health');
  const c = k.check(h.body, 'sqlite:responseTime') as { status: string; errorCode?: string };
  assert.equal(c.status, 'fail');
  assert.match(c.errorCode!, /^SQLITE_READONLY/);
  assert.equal(h.status, 503);
  assert.equal((await k.get('/health/ready')).status, 503);
  assert.equal((await k.get('/health/database')).body.connectivity, 'failed');
});

test('disk: writes failing on a full disk fail health with the reason although statfs shows space; a released reserve warns', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.input.guard = { state: 'full', reason: 'SQLITE_FULL: database or disk is full' };
  await k.monitor.sample();
  const h = await k.get('/health');
  assert.equal(h.status, 503);
  assert.equal(k.check(h.body, 'disk:utilization').status, 'fail');
  assert.equal(k.check(h.body, 'disk:utilization').output, 'writes fail, the disk is full (SQLITE_FULL: database or disk is full)');
  assert.equal((await k.get('/health/ready')).status, 503);
  k.input.guard = { state: 'reserve_in_use', reason: null };
  await k.monitor.sample();
  assert.equal(k.check(k.monitor.health()!, 'disk:utilization').status, 'warn');
  assert.equal((await k.get('/health/ready')).body.status, 'pass');
});

test('disk: 10 % free warns without touching readiness; 2 % free fails both', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.input.disk = { freeBytes: 10 * GB, totalBytes: 100 * GB };
  await k.monitor.sample();
  assert.equal(k.check(k.monitor.health()!, 'disk:utilization').status, 'warn');
  assert.equal((await k.get('/health/ready')).body.status, 'pass');
  k.input.disk = { freeBytes: 2 * GB, totalBytes: 100 * GB };
  await k.monitor.sample();
  const h = await k.get('/health');
  assert.equal(k.check(h.body, 'disk:utilization').status, 'fail');
  assert.equal(k.check(h.body, 'disk:utilization').observedValue, 0.02);
  assert.equal(h.status, 503);
  assert.equal((await k.get('/health/ready')).status, 503);
});

test('backups: 2 h old warns, 7 h old fails /health (not readiness); fewer than kept warns; none at all fails', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.input.backup = { newestVerifiedAt: new Date(T0.getTime() - 2 * 3600_000), verifiedCount: 20, keep: 24 };
  await k.monitor.sample();
  let h = k.monitor.health()!;
  assert.equal(k.check(h, 'backup:age').status, 'warn');
  assert.equal(k.check(h, 'backup:count').status, 'warn');
  assert.equal(h.status, 'warn');
  k.input.backup = { newestVerifiedAt: new Date(T0.getTime() - 7 * 3600_000), verifiedCount: 24, keep: 24 };
  await k.monitor.sample();
  assert.equal((await k.get('/health')).status, 503);
  assert.equal((await k.get('/health/ready')).status, 200);
  k.input.backup = { newestVerifiedAt: null, verifiedCount: 0, keep: 24, lastError: 'integrity_check failed' };
  k.wait(2 * 3600_000);
  k.beat();
  await k.monitor.sample();
  h = k.monitor.health()!;
  assert.equal(k.check(h, 'backup:age').status, 'fail');
  assert.equal(k.check(h, 'backup:count').status, 'fail');
});

test('without backup and SMS providers, health says so instead of guessing, and reads the outbox itself', async (t) => {
  const k = await kiosk({ sms: false, backup: false });
  t.after(k.stop);
  const h = await k.get('/health');
  assert.equal(h.status, 200);
  assert.equal(h.body.checks['backup:age'], undefined);
  assert.equal(h.body.checks['smsGateway:reachability'], undefined);
  assert.equal(k.check(h.body, 'smsOutbox:oldestPendingAge').status, 'pass');
  assert.equal(k.check(h.body, 'smsOutbox:oldestPendingAge').pending, 0);
  assert.ok(h.body.notes.includes('backups are not monitored by this build'));
  assert.ok(h.body.notes.includes('sms gateway status is not reported by this build'));
});

for (const step of [+3600, -3600]) {
  test(`a clock step of ${step > 0 ? '+' : ''}${step / 3600} h is detected, reported and counted`, async (t) => {
    const k = await kiosk();
    t.after(k.stop);
    k.wait(10_000);
    k.clock.advance(step * 1000);
    k.beat();
    await k.monitor.sample();
    const c = k.check(k.monitor.health()!, 'clock:offset') as { status: string; observedValue: number; output: string };
    assert.equal(c.status, 'fail');
    assert.equal(c.observedValue, step);
    assert.match(c.output, step > 0 ? /forward 3600 s/ : /back 3600 s/);
    assert.equal(k.monitor.health()!.status, 'warn', 'a clock step alone does not stop attendance');
    const text = await k.metrics.text();
    assert.match(text, new RegExp(`rollcall_clock_jumps_total\\{direction="${step > 0 ? 'forward' : 'backward'}"\\} 1`));
    // Ordinary time afterwards raises nothing new, and the jump is forgotten after an hour.
    k.wait(10_000);
    await k.monitor.sample();
    assert.equal(k.check(k.monitor.health()!, 'clock:offset').jumpsLastHour, 1);
  });
}

test('a small clock drift is not a jump', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.wait(10_000);
  k.clock.advance(500);
  await k.monitor.sample();
  assert.equal(k.check(k.monitor.health()!, 'clock:offset').status, 'pass');
});

test('a stalled event loop fails /health/live', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.input.lag = 0.3;
  await k.monitor.sample();
  assert.equal((await k.get('/health/live')).body.status, 'warn');
  k.input.lag = 2.5;
  await k.monitor.sample();
  const live = await k.get('/health/live');
  assert.equal(live.status, 503);
  assert.equal(k.monitor.internalChecksPass(), false);
});

test('out of order after a crash loop: health fails and says why', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.input.watchdog = { restartsLastHour: 4, outOfOrder: true, lastAction: { action: 'out-of-order', reason: 'heartbeat-timeout', at: T0 } };
  await k.monitor.sample();
  const h = await k.get('/health');
  assert.equal(h.status, 503);
  assert.equal(k.check(h.body, 'watchdog:state').status, 'fail');
  assert.equal(k.check(h.body, 'renderer:restarts').status, 'fail');
  assert.equal((await k.get('/health/components')).body.watchdog.status, 'out_of_order');
});

test('with a token, the detailed endpoints need it; /ping and /health/live stay open', async (t) => {
  const k = await kiosk({ token: 's3cret-token' });
  t.after(k.stop);
  for (const path of ['/health', '/health/ready', '/metrics', '/health/system', '/health/database', '/health/components']) {
    assert.equal((await k.get(path)).status, 401, path);
    assert.equal((await k.get(path, { authorization: 'Bearer wrong' })).status, 401, path);
    assert.equal((await k.get(path, { authorization: 'Bearer s3cret-token' })).status, 200, path);
  }
  assert.equal((await k.get('/ping')).status, 200);
  assert.equal((await k.get('/health/live')).status, 200);
});

test("the seed's routes keep their shapes", async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  const ping = (await k.get('/ping')).body;
  assert.equal(ping.status, 'ok');
  assert.equal(ping.timestamp, T0.toISOString());
  const system = (await k.get('/health/system')).body;
  assert.equal(system.status, 'healthy');
  assert.deepEqual(Object.keys(system.disk_usage).sort(), ['free_gb', 'total_gb', 'used_gb', 'used_percent']);
  assert.equal(system.disk_usage.used_percent, 60);
  assert.equal(typeof system.uptime_seconds, 'number');
  const database = (await k.get('/health/database')).body;
  assert.equal(database.status, 'healthy');
  assert.equal(database.connectivity, 'ok');
  assert.equal(database.total_records, 0);
  assert.equal(database.today_scans, 0);
  const components = (await k.get('/health/components')).body;
  assert.equal(components.camera.status, 'healthy');
  assert.equal(components.backup.total_backups, 24);
  assert.equal((await k.get('/nothing-here')).status, 404);
});

test('a log file that cannot be written (full disk) warns with the lines dropped, and the kiosk stays ready', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.input.logFile = { droppedLines: 37, failing: true, lastError: 'ENOSPC', lastErrorAt: T0 };
  await k.monitor.sample();
  const h = await k.get('/health');
  assert.equal(h.status, 200);
  assert.equal(h.body.status, 'warn');
  const c = k.check(h.body, 'log:file');
  assert.equal(c.status, 'warn');
  assert.equal(c.observedValue, 37);
  assert.match(String(c.output), /ENOSPC/);
  assert.equal((await k.get('/health/ready')).status, 200);
  assert.match(await k.metrics.text(), /rollcall_log_lines_dropped_total 37/);

  k.input.logFile = { droppedLines: 40, failing: false, lastError: 'ENOSPC', lastErrorAt: T0 };
  await k.monitor.sample();
  assert.equal(k.check((await k.get('/health')).body, 'log:file').status, 'pass');
  assert.match(await k.metrics.text(), /rollcall_log_lines_dropped_total 40/);
});

test('stored settings this version refused at start warn in health, and the kiosk stays ready', async (t) => {
  const k = await kiosk();
  t.after(k.stop);
  k.input.ignoredSettings = 2;
  await k.monitor.sample();
  const h = await k.get('/health');
  assert.equal(h.status, 200);
  const c = k.check(h.body, 'settings:stored');
  assert.equal(c.status, 'warn');
  assert.equal(c.observedValue, 2);
  assert.equal((await k.get('/health/ready')).status, 200);
});
