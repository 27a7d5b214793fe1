// Installing an AppImage ourselves instead of electron-updater's quitAndInstall: the kiosk runs
// from a fixed path (/opt/rollcall/Rollcall.AppImage) that the systemd unit names, so the verified
// download replaces that file in place (copy beside it, then an atomic rename on the same file
// system) and the outgoing file is kept for a rollback. systemd then restarts the kiosk into the
// new version, in kiosk mode as always.
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import type { Installer } from './installer.js';

export function appImageInstaller(opts: { appImagePath: string; rollbackDir: string }): Installer {
  const previous = join(opts.rollbackDir, 'previous.AppImage');
  const replace = (source: string) => {
    const staged = `${opts.appImagePath}.new`;
    copyFileSync(source, staged);
    chmodSync(staged, 0o755);
    renameSync(staged, opts.appImagePath);
  };
  return {
    async install(downloadedFile) {
      mkdirSync(opts.rollbackDir, { recursive: true });
      copyFileSync(opts.appImagePath, `${previous}.tmp`);
      renameSync(`${previous}.tmp`, previous);
      replace(downloadedFile);
      return 'restart';
    },
    async restorePrevious() {
      if (!existsSync(previous)) return 'unavailable';
      replace(previous);
      return 'restart';
    },
  };
}
