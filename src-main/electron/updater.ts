// Updates in the kiosk: Electron's autoUpdater (electron-updater, generic provider at update.url)
// driven by the core update service. On Linux the AppImage is swapped in place by the service and
// systemd restarts the kiosk; on Windows electron-updater runs the NSIS installer silently and
// starts the new version, and the installers are kept for a rollback.
import { autoUpdater } from 'electron-updater';
import { join } from 'node:path';
import type { Config } from '../core/config/schema.js';
import type { Clock } from '../core/time/clock.js';
import type { Logger } from '../core/log.js';
import { electronUpdaterPort } from '../core/update/electron-updater-port.js';
import { createUpdateService, type UpdateService } from '../core/update/update-service.js';
import { appImageInstaller } from '../core/update/appimage-installer.js';
import { keptInstaller } from '../core/update/kept-installer.js';
import type { Installer } from '../core/update/installer.js';
import { spawn } from 'node:child_process';
import { fileInstallRecordStore } from '../core/update/install-record-store.js';
import { stableMachineId } from '../core/update/machine-id.js';

export interface KioskUpdatesDeps {
  config: Config;
  dataDir: string;
  currentVersion: string;
  clock: Clock;
  log: Logger;
  lastPresenceAt(): Date | null;
  healthy(): boolean;
  restart(): void;
  /** Ends the app so that a started installer can replace it (Windows rollback). */
  exitForInstaller(): void;
}

function platformInstaller(updateDir: string, deps: KioskUpdatesDeps): Installer | null {
  const rollbackDir = join(updateDir, 'rollback');
  if (process.platform === 'linux' && process.env.APPIMAGE) return appImageInstaller({ appImagePath: process.env.APPIMAGE, rollbackDir });
  if (process.platform === 'win32') {
    return keptInstaller({
      rollbackDir,
      quitAndInstall: () => autoUpdater.quitAndInstall(true, true),
      runInstaller: (file, args) => {
        spawn(file, args, { detached: true, stdio: 'ignore' }).unref();
        deps.exitForInstaller();
      },
    });
  }
  return null;
}

export function startKioskUpdates(deps: KioskUpdatesDeps): { service: UpdateService; stop(): void } | null {
  const cfg = deps.config.update;
  if (!cfg.url) {
    deps.log.info('updates off: update.url is not set');
    return null;
  }
  if (process.platform === 'linux' && !process.env.APPIMAGE) {
    // A .deb install: electron-updater's DebUpdater needs a root prompt a kiosk cannot answer.
    deps.log.info('updates off: not running from an AppImage; a .deb kiosk updates through apt');
    return null;
  }
  autoUpdater.logger = { info: (m: unknown) => deps.log.info(String(m)), warn: (m: unknown) => deps.log.warn(String(m)), error: (m: unknown) => deps.log.error(String(m)), debug: () => undefined };
  autoUpdater.setFeedURL({ provider: 'generic', url: cfg.url, channel: 'latest' });
  const updateDir = join(deps.dataDir, 'update');
  const service = createUpdateService({
    updater: electronUpdaterPort(autoUpdater),
    settings: { timezone: deps.config.school.timezone, window: cfg.window, quietMinutes: cfg.quietMinutes, publicKey: cfg.publicKey, healthGraceMinutes: cfg.healthGraceMinutes, maxUnhealthyStarts: cfg.maxUnhealthyStarts },
    currentVersion: deps.currentVersion,
    machineId: stableMachineId({ candidates: ['/etc/machine-id', '/var/lib/dbus/machine-id'], fallbackFile: join(updateDir, 'machine-id') }),
    clock: deps.clock,
    log: deps.log,
    records: fileInstallRecordStore(join(updateDir, 'install.json')),
    installer: platformInstaller(updateDir, deps),
    lastPresenceAt: deps.lastPresenceAt,
    healthy: deps.healthy,
    restart: deps.restart,
  });
  const timers = [
    setTimeout(() => void service.checkNow(), 30_000),
    setInterval(() => void service.checkNow(), cfg.checkIntervalMinutes * 60_000),
    setInterval(() => void service.tick(), 60_000),
  ];
  timers.forEach((t) => t.unref());
  void service.start();
  return {
    service,
    stop: () => timers.forEach((t) => clearInterval(t)),
  };
}
