// The watchdog's hands in Electron: reload the page in a fresh renderer process, recreate the window,
// relaunch the app (or, under systemd, exit and let Restart=always start it), and the static
// "out of order" screen. Also forwards the window's hang and crash signals to the watchdog.
import { app, type BrowserWindow } from 'electron';
import { readFileSync, writeFileSync } from 'node:fs';
import type { HostSignal, WatchdogHost } from '../core/watchdog/watchdog.js';
import type { GoneReason } from '../core/watchdog/policy.js';

const OUT_OF_ORDER_HTML = `<!doctype html><meta charset="utf-8"><title>Out of order</title>
<body style="margin:0;height:100vh;display:flex;align-items:center;justify-content:center;background:#0b1a2b;color:#fff;font:48px system-ui,sans-serif;text-align:center">
<div><p style="font-size:72px;margin:0">Out of order</p><p>Please see the office.</p></div></body>`;

/** Exit code systemd sees when the app wants a restart (EX_TEMPFAIL). */
const RESTART_EXIT_CODE = 75;

export interface ElectronWatchdogHostOptions {
  page: WatchdogHost;
  window: () => BrowserWindow | null;
  createWindow: () => BrowserWindow;
  underSystemd: boolean;
}

export function electronWatchdogHost(opts: ElectronWatchdogHostOptions): WatchdogHost {
  return {
    reload() {
      const win = opts.window();
      if (!win) return void opts.createWindow();
      // A hung renderer cannot reload itself; a new process can (Electron's forcefullyCrashRenderer note).
      win.webContents.forcefullyCrashRenderer();
      win.webContents.reload();
    },
    reopenCamera: () => opts.page.reopenCamera(),
    recreateWindow() {
      const old = opts.window();
      opts.createWindow();
      old?.destroy();
    },
    relaunchApp() {
      if (opts.underSystemd) return app.exit(RESTART_EXIT_CODE);
      app.relaunch();
      app.exit(0);
    },
    outOfOrder() {
      const win = opts.window() ?? opts.createWindow();
      void win.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(OUT_OF_ORDER_HTML)}`);
    },
  };
}

/** Forwards a window's hang and crash events to the watchdog. */
export function watchWindow(win: BrowserWindow, signal: (s: HostSignal) => void): void {
  win.webContents.on('unresponsive', () => signal({ type: 'unresponsive' }));
  win.webContents.on('responsive', () => signal({ type: 'responsive' }));
  win.webContents.on('render-process-gone', (_e, details) => signal({ type: 'gone', reason: details.reason as GoneReason }));
  win.webContents.on('did-fail-load', (_e, _code, _desc, _url, isMainFrame) => {
    if (isMainFrame) signal({ type: 'load-failed' });
  });
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
