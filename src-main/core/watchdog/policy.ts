// The watchdog's escalation policy: a pure state machine. It hears what the host sees (heartbeats,
// hang and crash signals, clock ticks) and answers with at most one recovery action at a time:
// reload the page, then recreate the window, then relaunch the app, with growing pauses between
// attempts; a crash loop ends on the static "out of order, please see the office" screen. A camera
// that stopped while the page still beats is re-opened, never reloaded: the page (and the PIN pad)
// works, and reloading cannot fix an unplugged camera.

const HOUR_MS = 3_600_000;

export type RecoveryAction = 'reload' | 'recreate-window' | 'relaunch-app';
export type WatchdogAction = RecoveryAction | 'reopen-camera' | 'out-of-order';
export type WatchdogReason = 'heartbeat-timeout' | 'camera-stalled' | 'unresponsive' | 'crashed' | 'oom' | 'killed' | 'load-failed';

/** Why the renderer process went away (Electron's RenderProcessGoneDetails.reason). */
export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export type WatchdogEvent =
  | { type: 'heartbeat'; at: number; fps: number; cameraState: 'starting' | 'running' | 'stalled' | 'error' | 'paused' }
  | { type: 'unresponsive'; at: number }
  | { type: 'responsive'; at: number }
  | { type: 'gone'; at: number; reason: GoneReason }
  | { type: 'load-failed'; at: number }
  | { type: 'tick'; at: number };

export interface Decision {
  action: WatchdogAction;
  reason: WatchdogReason;
  at: number;
}

export interface WatchdogOptions {
  /** No heartbeat for this long means the page is hung. */
  heartbeatTimeoutMs: number;
  /** A new page gets this long for its first heartbeat (models load, camera opens). */
  startupGraceMs: number;
  /** 'unresponsive' counts as a hang only after this long (input acks can be slow). */
  unresponsiveGraceMs: number;
  /** Heartbeats with no frames for this long mean the camera stalled. */
  cameraStallMs: number;
  /** The escalation ladder: each action is tried this many times within `windowMs`, then the next. */
  ladder: { action: RecoveryAction; times: number }[];
  windowMs: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** This many app relaunches within `crashLoopWindowMs` is a crash loop: out of order instead. */
  relaunchesBeforeOutOfOrder: number;
  crashLoopWindowMs: number;
  /**
   * Whether a page that has never beaten counts as hung. Electron opened the window itself, so yes;
   * the serve host has no page until someone opens one in a browser, so no.
   */
  actBeforeFirstHeartbeat: boolean;
}

/** Electron: heartbeats every 2 s; reload, reload, recreate, recreate, then relaunch. */
export const electronWatchdogOptions: WatchdogOptions = {
  heartbeatTimeoutMs: 15_000,
  startupGraceMs: 45_000,
  unresponsiveGraceMs: 10_000,
  cameraStallMs: 10_000,
  ladder: [
    { action: 'reload', times: 2 },
    { action: 'recreate-window', times: 2 },
    { action: 'relaunch-app', times: Infinity },
  ],
  windowMs: 10 * 60_000,
  baseBackoffMs: 5_000,
  maxBackoffMs: 5 * 60_000,
  relaunchesBeforeOutOfOrder: 3,
  crashLoopWindowMs: 30 * 60_000,
  actBeforeFirstHeartbeat: true,
};

/** The serve host cannot touch the browser: it can only ask the page to reload, and report it. */
export const serveWatchdogOptions: WatchdogOptions = {
  ...electronWatchdogOptions,
  ladder: [{ action: 'reload', times: Infinity }],
  actBeforeFirstHeartbeat: false,
};

export interface WatchdogState {
  startedAt: number;
  lastHeartbeatAt: number | null;
  /** Whether any page has ever beaten in this process. */
  everBeat: boolean;
  /** The last page-level action; a fresh page gets the start-up grace from here. */
  lastActionAt: number | null;
  /** Renderer recovery actions (not camera re-opens) within the window, or the last hour if longer. */
  recoveries: { at: number; action: RecoveryAction }[];
  cameraReopens: number[];
  /** App relaunches, carried across relaunches by the host (persisted). */
  relaunches: number[];
  unresponsiveSince: number | null;
  cameraBadSince: number | null;
  /** Set when a crash is reported; acted on at once (subject to backoff). */
  crashed: WatchdogReason | null;
  outOfOrder: boolean;
}

export function initialWatchdogState(startedAt: number, relaunches: readonly number[] = []): WatchdogState {
  return {
    startedAt,
    lastHeartbeatAt: null,
    everBeat: false,
    lastActionAt: null,
    recoveries: [],
    cameraReopens: [],
    relaunches: [...relaunches],
    unresponsiveSince: null,
    cameraBadSince: null,
    crashed: null,
    outOfOrder: false,
  };
}

function backoff(opts: WatchdogOptions, attemptsInWindow: number): number {
  if (attemptsInWindow === 0) return 0;
  return Math.min(opts.maxBackoffMs, opts.baseBackoffMs * 2 ** (attemptsInWindow - 1));
}

/** Applies one event and decides; returns the new state and the action to take now, if any. */
export function stepWatchdog(prev: WatchdogState, event: WatchdogEvent, opts: WatchdogOptions): { state: WatchdogState; decision: Decision | null } {
  const now = event.at;
  const s: WatchdogState = {
    ...prev,
    recoveries: prev.recoveries.filter((r) => now - r.at < Math.max(opts.windowMs, HOUR_MS)),
    cameraReopens: prev.cameraReopens.filter((t) => now - t < opts.windowMs),
    relaunches: prev.relaunches.filter((t) => now - t < opts.crashLoopWindowMs),
  };
  switch (event.type) {
    case 'heartbeat': {
      s.lastHeartbeatAt = now;
      s.everBeat = true;
      s.unresponsiveSince = null;
      s.crashed = null;
      // No frames from the camera at all. Frames arriving but none processed (models loading, a busy
      // machine) is slow recognition, which re-opening the camera would only make slower.
      const cameraBad = event.cameraState === 'stalled' || event.cameraState === 'error';
      s.cameraBadSince = cameraBad ? (s.cameraBadSince ?? now) : null;
      break;
    }
    case 'unresponsive':
      s.unresponsiveSince ??= now;
      break;
    case 'responsive':
      s.unresponsiveSince = null;
      break;
    case 'gone':
      if (event.reason !== 'clean-exit') s.crashed = event.reason === 'oom' ? 'oom' : event.reason === 'killed' ? 'killed' : 'crashed';
      break;
    case 'load-failed':
      s.crashed = 'load-failed';
      break;
    case 'tick':
      break;
  }
  if (s.outOfOrder) return { state: s, decision: null };

  const fault = rendererFault(s, now, opts);
  if (fault) {
    const inWindow = s.recoveries.filter((r) => now - r.at < opts.windowMs).length;
    const last = s.recoveries.at(-1)?.at ?? s.lastActionAt;
    if (last !== null && now - last < backoff(opts, inWindow)) return { state: s, decision: null };
    const action = nextRecovery(inWindow, opts);
    if (action === 'relaunch-app' && s.relaunches.length >= opts.relaunchesBeforeOutOfOrder) {
      return { state: { ...s, outOfOrder: true, lastActionAt: now, crashed: null }, decision: { action: 'out-of-order', reason: fault, at: now } };
    }
    const next: WatchdogState = {
      ...s,
      recoveries: [...s.recoveries, { at: now, action }],
      relaunches: action === 'relaunch-app' ? [...s.relaunches, now] : s.relaunches,
      lastActionAt: now,
      lastHeartbeatAt: null,
      unresponsiveSince: null,
      cameraBadSince: null,
      crashed: null,
    };
    return { state: next, decision: { action, reason: fault, at: now } };
  }

  if (s.cameraBadSince !== null && now - s.cameraBadSince >= opts.cameraStallMs) {
    const last = s.cameraReopens.at(-1);
    if (last !== undefined && now - last < backoff(opts, s.cameraReopens.length)) return { state: s, decision: null };
    return {
      state: { ...s, cameraReopens: [...s.cameraReopens, now], cameraBadSince: now },
      decision: { action: 'reopen-camera', reason: 'camera-stalled', at: now },
    };
  }
  return { state: s, decision: null };
}

function rendererFault(s: WatchdogState, now: number, opts: WatchdogOptions): WatchdogReason | null {
  if (s.crashed) return s.crashed;
  if (s.unresponsiveSince !== null && now - s.unresponsiveSince >= opts.unresponsiveGraceMs) return 'unresponsive';
  if (!s.everBeat && !opts.actBeforeFirstHeartbeat) return null;
  const since = s.lastHeartbeatAt ?? (s.lastActionAt ?? s.startedAt) + opts.startupGraceMs - opts.heartbeatTimeoutMs;
  if (now - since >= opts.heartbeatTimeoutMs) return 'heartbeat-timeout';
  return null;
}

function nextRecovery(inWindow: number, opts: WatchdogOptions): RecoveryAction {
  let used = inWindow;
  for (const rung of opts.ladder) {
    if (used < rung.times) return rung.action;
    used -= rung.times;
  }
  return opts.ladder.at(-1)!.action;
}

/** Renderer recoveries within the last hour, for health. */
export function restartsWithin(s: WatchdogState, now: number, ms = HOUR_MS): number {
  return s.recoveries.filter((r) => now - r.at < ms).length;
}
