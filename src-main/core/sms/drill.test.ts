// The outbox drill (issue: "Proof"): 1,000 queued texts, the dispatcher process killed with SIGKILL at
// random points and its wall clock stepped an hour either way, against a gateway that answers 503 and
// 429 with Retry-After, 500s and hangs. Time runs 90 times faster than real time (see
// test-support/sms-drill-child.ts), so the drill's 80 virtual minutes take under a minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { build } from 'esbuild';
import { startFakeAndroidGateway, type BehaviourResult } from '../../../e2e/fakes/android-sms-gateway.js';
import { openDatabase } from '../db/open.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { enqueueSms } from './outbox.js';
import { smsTypes, type SmsType } from './message-types.js';

const speed = 90;
const repoRoot = join(import.meta.dirname, '../../..');
const hour = 3_600_000;
// Shorter TTLs than the defaults, so every text reaches an end state within the drill.
const ttlMinutes: Record<SmsType, number> = { check_in: 20, check_out: 20, late_arrival: 40, absence: 75, no_checkout: 65 };

/** A small deterministic generator, so a failing drill can be replayed with its seed. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function worstWindow(times: number[], span: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let worst = 0;
  let j = 0;
  for (let i = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= span) j++;
    worst = Math.max(worst, i - j + 1);
  }
  return worst;
}

test('drill: 1,000 texts, SIGKILLs and clock steps: limits hold in every window, each text ends in a final state, none lost or doubled', { timeout: 240_000 }, async (t) => {
  const seed = Number(process.env.DRILL_SEED ?? Date.now() % 100_000);
  t.diagnostic(`seed ${seed}`);
  const random = rng(seed);
  const origin = Date.now();
  const virtualStart = Date.parse('2026-12-07T07:00:00Z');
  const trueNow = () => virtualStart + (Date.now() - origin) * speed;
  const signingKey = 'drillKey';
  const badNumber = (p: string) => p.endsWith('13');

  const fake = await startFakeAndroidGateway({
    username: 'sms',
    password: 'drill',
    signingKey,
    now: () => new Date(trueNow()),
    phoneNow: () => Math.floor(trueNow() / 1000),
    retryBaseMs: 20,
    autoReport: (m) => (badNumber(m.phoneNumbers[0]!) ? { failed: 'sendSMS: Invalid phone number' } : random() < 0.1 ? 'sent' : 'delivered'),
    behaviour: (req): BehaviourResult | undefined => {
      if (req.method !== 'POST' || req.path !== '/messages') return undefined;
      const r = random();
      if (r < 0.05) return { status: 503, body: { message: 'queue limits exceeded' }, headers: { 'retry-after': '30' } };
      if (r < 0.08) return { status: 429, body: { message: 'too many requests' }, headers: { 'retry-after': '20' } };
      if (r < 0.11) return { status: 500, body: { message: 'failed to handle request' } };
      if (r < 0.14) return { hang: true };
      return undefined;
    },
  });
  t.after(() => fake.close());

  const dir = tempDir();
  const childScript = join(dir, 'drill-child.cjs');
  await build({
    entryPoints: [join(repoRoot, 'src-main/test-support/sms-drill-child.ts')],
    outfile: childScript,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['better-sqlite3'],
    logLevel: 'warning',
  });
  const dbFile = join(dir, 'rollcall.db');
  const db = openDatabase(dbFile);
  const queuedAt = new Date(virtualStart);
  const weights: Array<[SmsType, number]> = [['check_in', 0.7], ['check_out', 0.1], ['late_arrival', 0.1], ['absence', 0.05], ['no_checkout', 0.05]];
  db.transaction(() => {
    for (let i = 0; i < 1000; i++) {
      let r = random();
      const type = weights.find(([, w]) => (r -= w) < 0)?.[0] ?? 'check_in';
      const phone = `+4474${String(10_000_000 + i)}`;
      enqueueSms(db, { idempotencyKey: `drill:${i}`, type, studentId: null, guardianId: null, attendanceId: null, phoneE164: phone, body: `Drill text ${i} (${type})`, now: queuedAt, ttlSeconds: ttlMinutes[type] * 60 });
    }
  })();
  assert.deepEqual(smsTypes.every((ty) => (db.prepare('SELECT COUNT(*) FROM sms_outbox WHERE type = ?').pluck().get(ty) as number) > 0), true);
  db.close();

  const runChild = (wallStepMs: number, stepAgain: { at: number; by: number }, settle: boolean): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } => {
    const child = spawn(
      process.execPath,
      [
        childScript,
        '--db', dbFile, '--gateway', fake.url, '--signing-key', signingKey,
        '--origin-real-ms', String(origin), '--origin-virtual-ms', String(virtualStart), '--speed', String(speed),
        '--wall-step-ms', String(wallStepMs), '--step-again-at-virtual-ms', String(stepAgain.at), '--step-again-by-ms', String(stepAgain.by),
        ...(settle ? ['--settle'] : []),
      ],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_PATH: join(repoRoot, 'node_modules') } },
    );
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const exited = once(child, 'exit').then(([code]) => code as number | null);
    const ready = new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
      void exited.then((code) => reject(new Error(`drill child exited with ${code} before it was ready:\n${err}`)));
    });
    return { child, ready, exited };
  };

  // Killed runs: each lives a random 2-6 s (3-9 virtual minutes) with its wall clock off by -1 h, 0 or
  // +1 h, stepped again by an hour somewhere in the middle.
  const steps = [-hour, 0, hour];
  let kills = 0;
  while (trueNow() < virtualStart + 60 * 60_000 && kills < 8) {
    // The first run starts on a true clock, so the morning's load meets the limits before any step.
    const wallStep = kills === 0 ? 0 : steps[Math.floor(random() * 3)]!;
    const run = runChild(wallStep, { at: trueNow() + random() * 6 * 60_000, by: random() < 0.5 ? -hour : hour }, false);
    await run.ready;
    t.diagnostic(`run ${kills} sending from virtual +${Math.round((trueNow() - virtualStart) / 1000)} s, wall clock ${wallStep / hour} h off`);
    const lifeMs = 2_000 + random() * 4_000;
    await Promise.race([new Promise((r) => setTimeout(r, lifeMs)), run.exited]);
    run.child.kill('SIGKILL');
    await run.exited;
    kills++;
  }
  // The last run keeps a true clock (delivery reports are refused while the kiosk's clock is an hour
  // off, and the phone retries them), and exits once nothing waits.
  const last = runChild(0, { at: Number.MAX_SAFE_INTEGER, by: 0 }, true);
  await last.ready;
  const settled = await Promise.race([last.exited, new Promise<'late'>((r) => setTimeout(() => r('late'), 90_000).unref())]);
  if (settled === 'late') {
    last.child.kill('SIGKILL');
    await last.exited;
    const open = openDatabase(dbFile);
    const stuck = open.prepare(`SELECT state, outcome_unknown, last_error, COUNT(*) AS n FROM sms_outbox WHERE state IN ('queued', 'sending', 'accepted') GROUP BY 1, 2, 3`).all();
    open.close();
    assert.fail(`the last run did not settle within 90 s: ${JSON.stringify(stuck)}`);
  }
  assert.equal(settled, 0);
  t.diagnostic(`${kills} kills; finished at virtual +${Math.round((trueNow() - virtualStart) / 60_000)} min`);

  const check = openDatabase(dbFile);
  t.after(() => check.close());
  const rows = check.prepare('SELECT message_id, state, last_error, phone_e164 FROM sms_outbox').all() as Array<{ message_id: string; state: string; last_error: string | null; phone_e164: string }>;
  assert.equal(rows.length, 1000, 'none lost');
  const byState: Record<string, number> = {};
  for (const r of rows) byState[r.state] = (byState[r.state] ?? 0) + 1;
  t.diagnostic(`end states ${JSON.stringify(byState)}`);
  assert.deepEqual(Object.keys(byState).filter((s) => !['delivered', 'sent', 'failed', 'expired'].includes(s)), [], 'every text in a final state');
  for (const r of rows.filter((x) => x.state === 'failed')) assert.ok(r.last_error, `failed ${r.message_id} has a reason`);

  // The gateway holds each id once (it honours ids), and exactly the texts the outbox says went out.
  const held = fake.received.map((m) => m.id);
  assert.equal(new Set(held).size, held.length, 'no duplicates at the gateway');
  const wentOut = new Set(rows.filter((r) => r.state !== 'expired').map((r) => r.message_id));
  assert.deepEqual([...held].sort(), [...wentOut].sort(), 'the outbox and the gateway agree on what was sent');
  for (const r of rows.filter((x) => x.state === 'failed')) assert.ok(badNumber(r.phone_e164), 'only bad numbers fail');

  // Every POST that reached the gateway, answered or not, counts against the windows, in true time.
  const posts = fake.requests.filter((r) => r.method === 'POST' && r.path === '/messages').map((r) => r.receivedAt.getTime());
  t.diagnostic(`${posts.length} send requests; worst minute ${worstWindow(posts, 60_000)}, worst hour ${worstWindow(posts, hour)}`);
  // How long after its logged attempt each request reached the gateway (the child's rate guard covers it).
  const logged = check.prepare('SELECT o.message_id AS id, l.rate_ms AS t FROM sms_send_log l JOIN sms_outbox o ON o.id = l.outbox_id ORDER BY l.id').all() as Array<{ id: string; t: number }>;
  const attemptsSeen = new Map<string, number>();
  const travel = fake.requests
    .filter((r) => r.method === 'POST' && r.path === '/messages')
    .map((r) => {
      const id = (r.body as { id: string }).id;
      const k = attemptsSeen.get(id) ?? 0;
      attemptsSeen.set(id, k + 1);
      const attempt = logged.filter((l) => l.id === id)[k];
      return attempt ? r.receivedAt.getTime() - attempt.t : 0;
    });
  t.diagnostic(`slowest request reached the gateway ${Math.round(Math.max(0, ...travel) / speed)} ms (real) after its logged attempt`);
  assert.ok(logged.length >= posts.length, 'every request that reached the gateway was logged first');
  assert.ok(worstWindow(posts, 60_000) <= 10, 'never more than 10 in any minute');
  assert.ok(worstWindow(posts, hour) <= 60, 'never more than 60 in any hour');
  const logTimes = logged.map((l) => l.t);
  assert.ok(worstWindow(logTimes, 60_000) <= 10 && worstWindow(logTimes, hour) <= 60, 'the send log agrees');
  assert.ok(byState.delivered! > 0 && byState.expired! > 0);
});
