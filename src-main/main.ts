// Electron entry: the composition root. It only wires the core to a window and IPC.
import { app } from 'electron';
import { join } from 'node:path';
import { applyEnvironment, loadConfig } from './core/config/load.js';
import { createCore, type Core } from './core/app.js';
import { jsonLogger } from './core/log.js';
import { systemClock } from './core/time/clock.js';
import { registerIpc } from './electron/ipc.js';
import { registerAppScheme, serveRenderer } from './electron/protocol.js';
import { createKioskWindow, restrictSession } from './electron/window.js';

const log = jsonLogger();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  let core: Core | null = null;
  let unregister: (() => void) | null = null;

  app.whenReady().then(async () => {
    const root = app.getAppPath();
    const dataDir = process.env.ROLLCALL_DATA_DIR ?? app.getPath('userData');
    const config = applyEnvironment(
      loadConfig({ defaultsPath: join(root, 'config', 'default.json'), overridePath: process.env.ROLLCALL_CONFIG }),
      process.env,
    );
    core = createCore({ config, dataDir, clock: systemClock, log });
    await core.start();
    restrictSession();
    serveRenderer(join(root, 'dist-renderer'));
    unregister = registerIpc(core.handlers, core.sessions, log);
    createKioskWindow({ preload: join(root, 'dist-main', 'preload.cjs'), devTools: !app.isPackaged });
  }).catch((e: Error) => {
    log.error('startup failed', { error: e.message });
    app.exit(1);
  });

  let stopping = false;
  app.on('before-quit', (event) => {
    if (stopping || !core) return;
    event.preventDefault();
    stopping = true;
    unregister?.();
    void core.stop().finally(() => app.exit(0));
  });
}
