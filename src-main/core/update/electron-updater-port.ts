// The little of electron-updater the update service uses. The same adapter wraps Electron's
// autoUpdater in the kiosk and a plain AppImageUpdater in the Node tests against a loopback feed.
import type { AppUpdater, UpdateDownloadedEvent, UpdateInfo } from 'electron-updater';
import type { ReleaseInfo } from './release-signature.js';

export interface UpdaterHooks {
  isUpdateSupported(info: ReleaseInfo): boolean | Promise<boolean>;
  isUserWithinRollout(info: ReleaseInfo & { stagingPercentage?: number }): boolean | Promise<boolean>;
}

export interface DownloadedUpdate extends ReleaseInfo {
  downloadedFile: string;
}

export interface UpdaterPort {
  configure(hooks: UpdaterHooks): void;
  /** Asks the feed; a newer, supported, in-rollout release is downloaded in the background. */
  checkForUpdates(): Promise<{ version: string; available: boolean } | null>;
  onDownloaded(listener: (update: DownloadedUpdate) => void): void;
  onError(listener: (error: Error) => void): void;
  /** electron-updater's own install (Windows NSIS: silent, then run the new version). */
  quitAndInstall(): void;
}

export function electronUpdaterPort(updater: AppUpdater): UpdaterPort {
  return {
    configure(hooks) {
      updater.autoDownload = true;
      updater.autoInstallOnAppQuit = false;
      updater.allowDowngrade = false;
      updater.isUpdateSupported = (info: UpdateInfo) => hooks.isUpdateSupported(info as unknown as ReleaseInfo);
      updater.isUserWithinRollout = (info: UpdateInfo) => hooks.isUserWithinRollout(info as unknown as ReleaseInfo);
    },
    async checkForUpdates() {
      const result = await updater.checkForUpdates();
      if (!result) return null;
      if (result.isUpdateAvailable && result.downloadPromise) await result.downloadPromise;
      return { version: result.updateInfo.version, available: result.isUpdateAvailable };
    },
    onDownloaded(listener) {
      updater.on('update-downloaded', (event: UpdateDownloadedEvent) => listener(event as unknown as DownloadedUpdate));
    },
    onError(listener) {
      updater.on('error', listener);
    },
    quitAndInstall() {
      updater.quitAndInstall(true, true);
    },
  };
}
