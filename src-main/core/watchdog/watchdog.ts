// The watchdog service: feeds the policy with heartbeats and the host's hang and crash signals, ticks
// it every second on the monotonic clock (a wall-clock step must not look like a hung page), carries
// out its decisions through the host, and writes each restart to `<data>/logs/watchdog_restarts.log`.
import { appendFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Heartbeat, WatchdogCommand } from '../../../src-preload/contract.js';
import type { WatchdogHealth } from '../health/checks.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../metrics/metrics.js';
import type { Clock } from '../time/clock.js';
import {
  initialWatchdogState,
  restartsWithin,
  stepWatchdog,
  type Decision,
  type GoneReason,
  type WatchdogEvent,
  type WatchdogOptions,
  type WatchdogState,
} from './policy.js';

/** What a host can do to its kiosk screen. Electron can do all of it; the serve host only asks the page. */
export interface WatchdogHost {
  reload(): void;
  reopenCamera(): void;
  recreateWindow?(): void;
  relaunchApp?(): void;
  /** Show the static "out of order, please see the office" screen. */
  outOfOrder?(): void;
}

/** Host signals other than heartbeats (Electron's webContents events). */
export type HostSignal = { type: 'unresponsive' } | { type: 'responsive' } | { type: 'gone'; reason: GoneReason } | { type: 'load-failed' };

export interface WatchdogDeps {
  options: WatchdogOptions;
  host: WatchdogHost;
  clock: Clock;
  log: Logger;
  /** `<data>/logs/watchdog_restarts.log` */
  restartLog: string;
  metrics?: Metrics;
  monotonicMs?: () => number;
  /** Wall-clock times of earlier app relaunches (persisted by a host that can relaunch). */
  previousRelaunches?: Date[];
  /** Told after each relaunch decision, so the host can persist the list before relaunching. */
  saveRelaunches?: (relaunches: Date[]) => void;
  tickMs?: number;
}

/**
 * The serve host's way to reach the page: the next heartbeat's response carries the command. A
 * frozen page never collects it; health then shows the page as stale, which is all the host can do.
 */
export function createPageCommands() {
  let pending: WatchdogCommand | null = null;
  // The page load the command was meant for: a page opened since (the stale one was closed, or the
  // browser restarted) is a fresh start and must not be reloaded in its first seconds for another's fault.
  let lastPage: string | undefined;
  let pendingFor: string | undefined;
  const issue = (c: WatchdogCommand) => {
    pending = c;
    pendingFor = lastPage;
  };
  const host: WatchdogHost = {
    reload: () => issue('reload'),
    reopenCamera: () => void (pending ?? issue('reopen-camera')),
  };
  return {
    host,
    /** The command for this page's heartbeat response, once. */
    take(pageId?: string): WatchdogCommand | undefined {
      const c = pending && !(pageId && pendingFor && pageId !== pendingFor) ? pending : null;
      pending = null;
      if (pageId) lastPage = pageId;
      return c ?? undefined;
    },
  };
}

export function createWatchdog(deps: WatchdogDeps) {
  const mono = deps.monotonicMs ?? (() => performance.now());
  const toMono = (d: Date) => mono() - (deps.clock.now().getTime() - d.getTime());
  let state: WatchdogState = initialWatchdogState(mono(), (deps.previousRelaunches ?? []).map(toMono));
  let lastAction: WatchdogHealth['lastAction'];
  let timer: ReturnType<typeof setInterval> | undefined;

  function apply(decision: Decision): void {
    const at = deps.clock.now();
    lastAction = { action: decision.action, reason: decision.reason, at };
    deps.metrics?.watchdogAction(decision.action, decision.reason);
    deps.log.warn('watchdog action', { action: decision.action, reason: decision.reason });
    try {
      appendFileSync(deps.restartLog, `${at.toISOString()} - Watchdog ${decision.action} (reason: ${decision.reason})\n`);
    } catch (e) {
      deps.log.error('watchdog restart log not writable', { error: (e as Error).message });
    }
    const h = deps.host;
    switch (decision.action) {
      case 'reload':
        return h.reload();
      case 'reopen-camera':
        return h.reopenCamera();
      case 'recreate-window':
        return (h.recreateWindow ?? h.reload)();
      case 'relaunch-app':
        deps.saveRelaunches?.(state.relaunches.map((t) => new Date(deps.clock.now().getTime() - (mono() - t))));
        return (h.relaunchApp ?? h.reload)();
      case 'out-of-order':
        return h.outOfOrder?.();
    }
  }

  function feed(event: WatchdogEvent): Decision | null {
    const r = stepWatchdog(state, event, deps.options);
    state = r.state;
    if (r.decision) apply(r.decision);
    return r.decision;
  }

  const tick = (): Decision | null => feed({ type: 'tick', at: mono() });

  return {
    heartbeat(beat: Heartbeat): void {
      feed({ type: 'heartbeat', at: mono(), fps: beat.fps, cameraState: beat.cameraState });
    },
    signal(signal: HostSignal): void {
      feed({ ...signal, at: mono() } as WatchdogEvent);
    },
    /** One policy step now (the timer calls this; tests call it directly). */
    tick,
    health(): WatchdogHealth {
      return { restartsLastHour: restartsWithin(state, mono()), outOfOrder: state.outOfOrder, ...(lastAction ? { lastAction } : {}) };
    },
    async start() {
      timer = setInterval(tick, deps.tickMs ?? 1000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
    },
  };
}

export type Watchdog = ReturnType<typeof createWatchdog>;
