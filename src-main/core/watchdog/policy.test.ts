import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  electronWatchdogOptions as E,
  initialWatchdogState,
  restartsWithin,
  serveWatchdogOptions,
  stepWatchdog,
  type Decision,
  type WatchdogEvent,
  type WatchdogOptions,
  type WatchdogState,
} from './policy.js';

const s = (x: number) => x * 1000;

/** Runs a scripted timeline: heartbeats as given, a tick every second, until `untilS`. */
function run(opts: WatchdogOptions, untilS: number, events: (t: number, state: WatchdogState) => WatchdogEvent[], start = initialWatchdogState(0)) {
  let state = start;
  const decisions: Decision[] = [];
  for (let t = 0; t <= untilS; t++) {
    for (const e of [...events(t, state), { type: 'tick', at: s(t) } as WatchdogEvent]) {
      const r = stepWatchdog(state, e, opts);
      state = r.state;
      if (r.decision) decisions.push(r.decision);
    }
  }
  return { state, decisions, timeline: decisions.map((d) => `${d.action}@${d.at / 1000}s`) };
}

const beat = (t: number, fps = 25, cameraState: 'running' | 'stalled' | 'error' | 'paused' = 'running'): WatchdogEvent => ({ type: 'heartbeat', at: s(t), fps, cameraState });
const everyTwo = (untilS: number, fps = 25) => (t: number) => (t % 2 === 0 && t <= untilS ? [beat(t, fps)] : []);

test('a page that keeps beating is left alone', () => {
  assert.deepEqual(run(E, 600, everyTwo(600)).timeline, []);
});

test('a page that stops beating is reloaded, then its window recreated, then the app relaunched, with growing pauses', () => {
  const { timeline, decisions } = run(E, 300, everyTwo(10));
  assert.deepEqual(timeline.slice(0, 5), ['reload@25s', 'reload@70s', 'recreate-window@115s', 'recreate-window@160s', 'relaunch-app@205s']);
  assert.ok(decisions.every((d) => d.reason === 'heartbeat-timeout'));
  const gaps = decisions.slice(1).map((d, i) => d.at - decisions[i]!.at);
  assert.ok(gaps.every((g, i) => i === 0 || g >= gaps[i - 1]!), `gaps never shrink: ${gaps}`);
});

test('a page that recovers after a reload is not touched again, and a quiet window starts the ladder over', () => {
  const { timeline } = run(E, 1500, (t) => ((t <= 10 || (t >= 40 && t <= 700) || t >= 760) && t % 2 === 0 ? [beat(t)] : []));
  // Hung 10-40 s: one reload. Hung again 700-760 s, more than 10 minutes after the first: a reload again, not a recreate.
  assert.deepEqual(timeline, ['reload@25s', 'reload@715s']);
});

test('a crash loop across relaunches ends out of order, and then nothing more is tried', () => {
  // Three relaunches already happened in the last half hour (the host persists them across relaunches).
  const start = initialWatchdogState(s(1000), [s(1000 - 900), s(1000 - 600), s(1000 - 300)]);
  const { timeline, state } = run(E, 2000, () => [], start);
  // The new page never beats: its first heartbeat is owed 45 s after the start.
  assert.deepEqual(timeline, ['reload@1045s', 'reload@1090s', 'recreate-window@1135s', 'recreate-window@1180s', 'out-of-order@1225s']);
  assert.equal(state.outOfOrder, true);
});

test('relaunches older than the crash-loop window do not count', () => {
  const start = initialWatchdogState(s(5000), [s(100), s(200), s(300)]);
  const { timeline } = run(E, 5300, () => [], start);
  assert.ok(timeline.includes('relaunch-app@5225s'), timeline.join());
  assert.equal(timeline.some((x) => x.startsWith('out-of-order')), false);
});

test('a camera that stops while the page beats is re-opened, never reloaded, with growing pauses', () => {
  const { decisions } = run(E, 400, (t) => (t % 2 === 0 ? [t < 20 ? beat(t) : beat(t, 0, 'stalled')] : []));
  assert.ok(decisions.length >= 3);
  assert.ok(decisions.every((d) => d.action === 'reopen-camera' && d.reason === 'camera-stalled'));
  assert.equal(decisions[0]!.at, s(30), 'first re-open 10 s after the first frameless beat at 20 s');
  const gaps = decisions.slice(1).map((d, i) => d.at - decisions[i]!.at);
  assert.ok(gaps.every((g, i) => i === 0 || g >= gaps[i - 1]!), `gaps never shrink: ${gaps}`);
});

test('a camera in error counts too; frames coming back stop the re-opens', () => {
  const { timeline } = run(E, 200, (t) => (t % 2 === 0 ? [beat(t, 0, t < 30 ? 'error' : t < 50 ? 'stalled' : 'running')] : []));
  // Bad from 0 s; re-opened at 10, 20 and 30 s; the next is held back by the 20 s pause, and frames are back at 50 s.
  assert.deepEqual(timeline, ['reopen-camera@10s', 'reopen-camera@20s', 'reopen-camera@30s']);
});

test('frames arriving but none processed (models loading, a busy machine) is not a camera stall', () => {
  assert.deepEqual(run(E, 300, (t) => (t % 2 === 0 ? [beat(t, 0, 'running')] : [])).timeline, []);
});

test('a camera paused while the admin screen is open is left alone for as long as the page beats', () => {
  assert.deepEqual(run(E, 600, (t) => (t % 2 === 0 ? [beat(t, 0, t < 20 ? 'running' : 'paused')] : [])).timeline, []);
});

test('a crashed renderer is reloaded at once; a clean exit is ignored', () => {
  let st = initialWatchdogState(0);
  st = stepWatchdog(st, beat(0), E).state;
  const clean = stepWatchdog(st, { type: 'gone', at: s(1), reason: 'clean-exit' }, E);
  assert.equal(clean.decision, null);
  const crash = stepWatchdog(clean.state, { type: 'gone', at: s(2), reason: 'oom' }, E);
  assert.deepEqual(crash.decision, { action: 'reload', reason: 'oom', at: s(2) });
  // A second crash right away waits out the backoff, then is acted on.
  const again = stepWatchdog(crash.state, { type: 'gone', at: s(3), reason: 'crashed' }, E);
  assert.equal(again.decision, null);
  const later = stepWatchdog(again.state, { type: 'tick', at: s(7) }, E);
  assert.deepEqual(later.decision, { action: 'reload', reason: 'crashed', at: s(7) });
});

test('unresponsive counts only after its grace period; responsive in time cancels it', () => {
  let st = stepWatchdog(initialWatchdogState(0), beat(0), E).state;
  st = stepWatchdog(st, { type: 'unresponsive', at: s(1) }, E).state;
  assert.equal(stepWatchdog(st, { type: 'tick', at: s(10) }, E).decision, null);
  const calm = stepWatchdog(st, { type: 'responsive', at: s(10) }, E).state;
  assert.equal(stepWatchdog(calm, { type: 'tick', at: s(12) }, E).decision, null);
  assert.deepEqual(stepWatchdog(st, { type: 'tick', at: s(11) }, E).decision, { action: 'reload', reason: 'unresponsive', at: s(11) });
});

test('a page that fails to load is retried as a reload', () => {
  const st = initialWatchdogState(0);
  assert.deepEqual(stepWatchdog(st, { type: 'load-failed', at: s(1) }, E).decision, { action: 'reload', reason: 'load-failed', at: s(1) });
});

test('in the serve host the policy only ever asks the page to reload, and never declares out of order', () => {
  const { timeline, state } = run(serveWatchdogOptions, 3600, everyTwo(10));
  assert.ok(timeline.length >= 5);
  assert.ok(timeline.every((x) => x.startsWith('reload@')));
  assert.equal(state.outOfOrder, false);
});

test('in the serve host, no page opened yet is nothing to reload (health still reports it)', () => {
  assert.deepEqual(run(serveWatchdogOptions, 600, () => []).timeline, []);
  assert.deepEqual(run(E, 60, () => []).timeline, ['reload@45s'], 'Electron opened its window: a page that never beats is hung');
});

test('restarts in the last hour are counted for health', () => {
  const { state } = run(E, 300, everyTwo(10));
  // reload, reload, recreate, recreate, relaunch at 205 s and again at 285 s.
  assert.equal(restartsWithin(state, s(300)), 6);
  assert.equal(restartsWithin(state, s(300 + 3600)), 0);
});
