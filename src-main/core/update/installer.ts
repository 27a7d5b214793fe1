// How a verified update is put in place, and how the previous version comes back.
export type InstallOutcome =
  /** The files are in place; the app must restart itself into them. */
  | 'restart'
  /** An installer was started that ends this process and starts the new (or old) version. */
  | 'installer-restarts';

export interface Installer {
  install(downloadedFile: string, versions: { from: string; to: string }): Promise<InstallOutcome>;
  /** 'unavailable' when there is no copy of that version to go back to. */
  restorePrevious(version: string): Promise<InstallOutcome | 'unavailable'>;
}
