// Electron entry: the composition root. It only wires the core to a window and IPC, and applies
// the shell policies (src-main/core/shell-policy) through the thin adapters in src-main/electron.
import { app, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { applyEnvironment, loadConfig } from './core/config/load.js';
import { createCore, type Core } from './core/app.js';
import { fileLogger, forwardingLogger, jsonLogger } from './core/log.js';
import { systemClock } from './core/time/clock.js';
import { createPresence, withPresence } from './core/update/presence.js';
import { relaunchPlan } from './core/shell-policy/relaunch.js';
import { registerIpc } from './electron/ipc.js';
import { registerAppScheme, serveRenderer } from './electron/protocol.js';
import { createKioskWindow } from './electron/window.js';
import { guardEveryWebContents } from './electron/guards.js';
import { restrictSession } from './electron/session-policy.js';
import { keepDisplayAwake } from './electron/power.js';
import { applyAutostart } from './electron/autostart.js';
import { exitKioskHandler } from './electron/shell.js';
import { startKioskUpdates } from './electron/updater.js';
import { asWatchdogHost, createWatchdogActions, relaunchStore, watchWindow } from './electron/watchdog-actions.js';
import { electronWatchdogOptions } from './core/watchdog/policy.js';
import { createSystemdWatchdog, systemdNotifier } from './core/systemd/notify.js';
import { electronKeyProvider } from './electron/template-key.js';

// stderr until the data folder is known; then the same rotated JSON file as `npm run serve` (and stderr).
const logs = forwardingLogger(jsonLogger());
const log = logs.log;
let closeLogFile: () => Promise<void> = async () => {};
/** A heartbeat older than this means the page is not running; the updater's health check uses it. */
const HEARTBEAT_FRESH_MS = 30_000;

app.enableSandbox();
if (!app.requestSingleInstanceLock()) {
  app.exit(0);
} else {
  registerAppScheme();
  guardEveryWebContents(log);
  let core: Core | null = null;
  let win: BrowserWindow | null = null;
  const stops: (() => void)[] = [];
  let stopping = false;

  /** Stops everything in reverse order of start, then exits with the code (75: systemd restarts it). */
  const shutdown = (code: number) => {
    if (stopping) return;
    stopping = true;
    for (const stop of stops.reverse()) stop();
    void (core ? core.stop() : Promise.resolve())
      .finally(() => closeLogFile())
      .finally(() => app.exit(code));
  };

  app.on('second-instance', () => {
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });

  app.whenReady().then(async () => {
    const root = app.getAppPath();
    const dataDir = process.env.ROLLCALL_DATA_DIR ?? app.getPath('userData');
    const production = app.isPackaged;
    try {
      const file = await fileLogger({ dir: join(dataDir, 'logs'), stderr: true });
      logs.use(file);
      closeLogFile = file.close;
    } catch (e) {
      log.error('log file could not be opened; logging to stderr only', { error: (e as Error).message });
    }
    const config = applyEnvironment(
      loadConfig({ defaultsPath: join(root, 'config', 'default.json'), overridePath: process.env.ROLLCALL_CONFIG }),
      process.env,
    );
    const relaunches = relaunchStore(join(dataDir, 'watchdog-relaunches.json'));
    const openWindow = (): BrowserWindow => {
      const opened = createKioskWindow({
        preload: join(root, 'dist-main', 'preload.cjs'),
        production,
        log,
        onUnsafe: (problems) => {
          log.error('kiosk page is not isolated; stopping', { problems });
          shutdown(1);
        },
      });
      opened.on('closed', () => {
        if (win === opened) win = null;
      });
      watchWindow(opened, (signal) => core?.watchdog.signal(signal));
      win = opened;
      return opened;
    };
    const actions = createWatchdogActions({ window: () => win, openWindow, exit: shutdown, env: process.env, log });
    // The wrapped key sits in the app's own folder, not the data folder, and is useless without the OS keystore.
    const templateKey = electronKeyProvider({ env: process.env, dataDir, wrappedKeyFile: join(app.getPath('userData'), 'keys', 'template-key.bin') });
    // Where the key is (never the key): without it every enrolled face must be enrolled again.
    log.info('template key', { source: templateKey.source });
    core = createCore({
      config,
      dataDir,
      clock: systemClock,
      log,
      watchdogOptions: electronWatchdogOptions,
      // A stalled camera is re-opened by the page itself (a command in its heartbeat answer), not by a reload.
      watchdogHost: (page) => ({ ...asWatchdogHost(actions), reopenCamera: () => page.reopenCamera() }),
      previousRelaunches: relaunches.load(),
      saveRelaunches: relaunches.save,
      releaseId: app.getVersion(),
      templateKey,
    });
    await core.start();
    const started = core;

    restrictSession(session.defaultSession, { devTools: !production, log });
    serveRenderer(join(root, 'dist-renderer'), { schoolName: started.config().school.name });
    const presence = createPresence(systemClock);
    const handlers = withPresence({ ...started.handlers, 'shell:exit-kiosk': exitKioskHandler(() => win, log) }, presence);
    stops.push(registerIpc(handlers, started.sessions, log));
    const display = keepDisplayAwake();
    stops.push(display.stop);
    // The settings store's config, not the file's: these keys apply after a restart (key-roles.ts).
    applyAutostart(started.config().shell.autostart, log);

    openWindow();
    const systemd = createSystemdWatchdog({ notifier: systemdNotifier(), healthy: () => started.healthMonitor.internalChecksPass(), log });
    await systemd.start();
    stops.push(() => void systemd.stop());

    const updates = startKioskUpdates({
      config: started.config(), dataDir, currentVersion: app.getVersion(), clock: systemClock, log,
      lastPresenceAt: presence.lastSeenAt,
      healthy: () => {
        const beat = started.lastHeartbeat();
        return beat !== null && systemClock.now().getTime() - beat.at.getTime() < HEARTBEAT_FRESH_MS;
      },
      restart: () => {
        const plan = relaunchPlan(process.env);
        if (plan.kind === 'relaunch') app.relaunch();
        shutdown(plan.kind === 'relaunch' ? 0 : plan.exitCode);
      },
      exitForInstaller: () => shutdown(0),
    });
    if (updates) stops.push(updates.stop);
  }).catch((e: Error) => {
    log.error('startup failed', { error: e.message });
    app.exit(1);
  });

  app.on('window-all-closed', () => shutdown(0));
  app.on('before-quit', (event) => {
    if (stopping) return;
    event.preventDefault();
    shutdown(0);
  });
}
