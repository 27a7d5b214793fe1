// What the watchdog can do to the kiosk, and what it hears from it. The escalation policy that
// decides when to do which (src-main/core/watchdog, branch `health`) stays pure; this adapter only
// carries out its actions on the real window and forwards the window's events to it.
import { app, type BrowserWindow, type RenderProcessGoneDetails } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import { relaunchPlan } from '../core/shell-policy/relaunch.js';
import { APP_ORIGIN } from '../core/shell-policy/origin.js';
import { OUT_OF_ORDER_PATH } from '../core/shell-policy/out-of-order-page.js';
import type { Logger } from '../core/log.js';

export interface WatchdogActions {
  /** Kill the renderer process and load the page again in a fresh one. */
  reloadRenderer(): void;
  /** Destroy the window and open a new kiosk window. */
  recreateWindow(): void;
  /** Restart the whole app: exit for systemd to restart it, or relaunch where there is no unit. */
  relaunchApp(): void;
  /** Give up on the kiosk page: a static page sends students to the office. */
  showOutOfOrder(): void;
  /** The camera stalled while the page lives: the page is reloaded, which reopens the camera. */
  reopenCamera(): void;
}

/** Window events for the policy, shaped as the health branch's HostSignal (core/watchdog/watchdog.ts). */
export type WatchdogSignal =
  | { type: 'unresponsive' }
  | { type: 'responsive' }
  | { type: 'gone'; reason: RenderProcessGoneDetails['reason'] }
  | { type: 'load-failed' };

/** Utility processes (camera capture, GPU, network) that died; not a renderer signal. */
export interface ChildProcessGone {
  type: string;
  name?: string;
  reason: string;
}

export interface WatchdogActionDeps {
  window(): BrowserWindow | null;
  /** Opens a new kiosk window and makes it the current one. */
  openWindow(): BrowserWindow;
  /** Stops the core cleanly, then exits with this code. */
  exit(code: number): void;
  env: Record<string, string | undefined>;
  log: Logger;
}

export function createWatchdogActions(deps: WatchdogActionDeps): WatchdogActions {
  const live = () => {
    const win = deps.window();
    return win && !win.isDestroyed() ? win : null;
  };
  return {
    reloadRenderer() {
      const win = live();
      if (!win) return void deps.openWindow();
      deps.log.warn('watchdog: reloading the renderer in a fresh process');
      win.webContents.forcefullyCrashRenderer();
      win.webContents.reload();
    },
    recreateWindow() {
      deps.log.warn('watchdog: recreating the kiosk window');
      const old = live();
      deps.openWindow();
      old?.destroy();
    },
    relaunchApp() {
      const plan = relaunchPlan(deps.env);
      deps.log.error('watchdog: restarting the app', { plan: plan.kind });
      if (plan.kind === 'exit-for-supervisor') deps.exit(plan.exitCode);
      else {
        app.relaunch();
        deps.exit(0);
      }
    },
    showOutOfOrder() {
      deps.log.error('watchdog: showing the out-of-order page');
      const win = live() ?? deps.openWindow();
      void win.loadURL(`${APP_ORIGIN}${OUT_OF_ORDER_PATH}`);
    },
    reopenCamera() {
      const win = live();
      if (!win) return;
      deps.log.warn('watchdog: reloading the page to reopen the camera');
      win.webContents.reload();
    },
  };
}

/**
 * The same actions under the names the health branch's WatchdogHost uses, so the composition root
 * can pass `watchdogHost: asWatchdogHost(actions)` to createCore.
 */
export function asWatchdogHost(actions: WatchdogActions) {
  return {
    reload: () => actions.reloadRenderer(),
    reopenCamera: () => actions.reopenCamera(),
    recreateWindow: () => actions.recreateWindow(),
    relaunchApp: () => actions.relaunchApp(),
    outOfOrder: () => actions.showOutOfOrder(),
  };
}

/** Forwards the window's failure events to the watchdog policy (`core.watchdog.signal`). */
export function watchWindow(win: BrowserWindow, onSignal: (signal: WatchdogSignal) => void): void {
  win.webContents.on('render-process-gone', (_e, d) => onSignal({ type: 'gone', reason: d.reason }));
  win.webContents.on('unresponsive', () => onSignal({ type: 'unresponsive' }));
  win.webContents.on('responsive', () => onSignal({ type: 'responsive' }));
  win.webContents.on('did-fail-load', (_e, _code, _desc, _url, isMainFrame) => {
    if (isMainFrame) onSignal({ type: 'load-failed' });
  });
}

export function watchChildProcesses(onGone: (child: ChildProcessGone) => void): void {
  app.on('child-process-gone', (_e, d) => onGone({ type: d.type, name: d.name ?? d.serviceName, reason: d.reason }));
}

/** App relaunches survive the relaunch in a small file, so a crash loop is seen across processes. */
export function relaunchStore(file: string) {
  return {
    load(): Date[] {
      try {
        return (JSON.parse(readFileSync(file, 'utf8')) as string[]).map((s) => new Date(s)).filter((d) => !Number.isNaN(d.getTime()));
      } catch {
        return [];
      }
    },
    save(relaunches: Date[]): void {
      writeFileSync(file, JSON.stringify(relaunches.map((d) => d.toISOString())));
    },
  };
}
