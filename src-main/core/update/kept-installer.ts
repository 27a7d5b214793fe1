// Windows (NSIS): electron-updater runs the new installer silently and starts the new version.
// An installed app cannot be copied back like an AppImage, so every installer that was installed
// is kept; rolling back runs the kept installer of the previous version silently. A kiosk
// installed by hand has no kept installer for its first version, so its first update cannot be
// rolled back (it is reported, and the new version stays).
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Installer } from './installer.js';

export interface KeptInstallerDeps {
  rollbackDir: string;
  /** electron-updater's silent install of the downloaded installer (quitAndInstall(true, true)). */
  quitAndInstall(): void;
  /** Starts an installer detached, silently, and lets this process end. */
  runInstaller(file: string, args: string[]): void;
}

export const SILENT_INSTALL_ARGS = ['/S', '--force-run'];

export function keptInstaller(deps: KeptInstallerDeps): Installer {
  const kept = (version: string) => join(deps.rollbackDir, `installer-${version}.exe`);
  return {
    async install(downloadedFile, { from, to }) {
      mkdirSync(deps.rollbackDir, { recursive: true });
      copyFileSync(downloadedFile, kept(to));
      for (const name of readdirSync(deps.rollbackDir)) {
        if (name !== `installer-${from}.exe` && name !== `installer-${to}.exe`) rmSync(join(deps.rollbackDir, name), { force: true });
      }
      deps.quitAndInstall();
      return 'installer-restarts';
    },
    async restorePrevious(version) {
      if (!existsSync(kept(version))) return 'unavailable';
      deps.runInstaller(kept(version), SILENT_INSTALL_ARGS);
      return 'installer-restarts';
    },
  };
}
