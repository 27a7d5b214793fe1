// The kiosk's updates: ask the school's server in the background, download what is newer, signed
// and in this kiosk's rollout wave, install it only in the maintenance window when nobody is at the
// kiosk, and after the restart keep the new version only if it proves healthy.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Clock } from '../time/clock.js';
import type { Logger } from '../log.js';
import type { DownloadedUpdate, UpdaterPort } from './electron-updater-port.js';
import type { Installer } from './installer.js';
import type { InstallRecordStore } from './install-record-store.js';
import { installDecision, type InstallDecision } from './maintenance-window.js';
import { verifyRelease, type ReleaseInfo } from './release-signature.js';
import { decideAtStart, decideOnHealth, type InstallRecord } from './rollback.js';
import { withinRollout } from './rollout.js';

export interface UpdateSettings {
  timezone: string;
  window: readonly [string, string];
  quietMinutes: number;
  /** Ed25519 public key (PEM) the releases are signed with; without it nothing is installed. */
  publicKey: string;
  healthGraceMinutes: number;
  maxUnhealthyStarts: number;
}

export interface UpdateServiceDeps {
  updater: UpdaterPort;
  settings: UpdateSettings;
  currentVersion: string;
  machineId: string;
  clock: Clock;
  log: Logger;
  records: InstallRecordStore;
  /** AppImage swap (Linux) or kept NSIS installers (Windows); absent: electron-updater installs, no rollback. */
  installer: Installer | null;
  lastPresenceAt(): Date | null;
  healthy(): boolean;
  /** Starts the (new or restored) version: exit for systemd, or relaunch. */
  restart(): void;
}

export type UpdateState =
  | { phase: 'idle' }
  | { phase: 'ready'; version: string; waiting: Exclude<InstallDecision, { install: true }>['reason'] | null }
  | { phase: 'installing'; version: string }
  | { phase: 'verifying'; version: string; deadline: string }
  | { phase: 'rolled_back'; version: string; reason: string };

export function sha512Base64(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha512');
    createReadStream(file).on('error', reject).on('data', (c) => hash.update(c)).on('end', () => resolve(hash.digest('base64')));
  });
}

export function createUpdateService(deps: UpdateServiceDeps) {
  const { updater, settings, log, clock, records } = deps;
  let pending: DownloadedUpdate | null = null;
  let waiting: Exclude<InstallDecision, { install: true }>['reason'] | null = null;
  let verifying: { record: InstallRecord; deadline: Date } | null = null;
  let installingVersion: string | null = null;
  let rolledBack: { version: string; reason: string } | null = null;
  let installing = false;

  const state = (): UpdateState => {
    if (rolledBack) return { phase: 'rolled_back', ...rolledBack };
    if (installingVersion) return { phase: 'installing', version: installingVersion };
    if (verifying) return { phase: 'verifying', version: verifying.record.to, deadline: verifying.deadline.toISOString() };
    if (pending) return { phase: 'ready', version: pending.version, waiting };
    return { phase: 'idle' };
  };
  const refused = new Set<string>();

  const signatureOk = (info: ReleaseInfo): boolean => {
    if (!settings.publicKey) {
      log.warn('update refused: update.publicKey is not set', { version: info.version });
      return false;
    }
    const check = verifyRelease(info, settings.publicKey);
    if (!check.valid) log.warn('update refused', { version: info.version, reason: check.reason });
    return check.valid;
  };

  updater.configure({
    isUpdateSupported: (info) => !refused.has(info.version) && signatureOk(info),
    isUserWithinRollout: (info) => {
      const inside = withinRollout(deps.machineId, info.stagingPercentage);
      if (!inside) log.info('update not yet for this kiosk (staged rollout)', { version: info.version, stagingPercentage: info.stagingPercentage });
      return inside;
    },
  });
  updater.onDownloaded((update) => {
    pending = update;
    waiting = null;
    log.info('update downloaded', { version: update.version });
  });
  updater.onError((e) => log.error('updater error', { error: e.message }));

  /** The download again, just before it replaces the running version: signature and sha512. */
  async function verifyDownload(update: DownloadedUpdate): Promise<string | null> {
    if (!signatureOk(update)) return 'signature';
    const actual = await sha512Base64(update.downloadedFile);
    return update.files.some((f) => f.sha512 === actual) ? null : 'sha512 of the downloaded file matches no signed file entry';
  }

  async function tryInstall(): Promise<void> {
    // A version on probation is judged first; installing another on top would lose the way back.
    if (!pending || installing || verifying) return;
    const decision = installDecision({
      now: clock.now(), timezone: settings.timezone, window: settings.window,
      lastPresenceAt: deps.lastPresenceAt(), quietMinutes: settings.quietMinutes,
    });
    if (!decision.install) {
      waiting = decision.reason;
      return;
    }
    const update = pending;
    installing = true;
    try {
      const problem = await verifyDownload(update);
      if (problem) {
        log.error('downloaded update rejected before install', { version: update.version, problem });
        refused.add(update.version);
        pending = null;
        return;
      }
      records.write({ from: deps.currentVersion, to: update.version, installedAt: clock.now().toISOString(), starts: 0, status: 'installing' });
      installingVersion = update.version;
      log.info('installing update', { from: deps.currentVersion, to: update.version });
      if (!deps.installer) updater.quitAndInstall();
      else if ((await deps.installer.install(update.downloadedFile, { from: deps.currentVersion, to: update.version })) === 'restart') deps.restart();
    } catch (e) {
      log.error('update install failed', { version: update.version, error: (e as Error).message });
      records.clear();
      pending = null;
      installingVersion = null;
    } finally {
      installing = false;
    }
  }

  async function rollBack(record: InstallRecord, reason: string): Promise<void> {
    log.error('rolling back update', { from: record.to, to: record.from, reason });
    records.write({ ...record, status: 'rolled_back' });
    rolledBack = { version: record.to, reason };
    verifying = null;
    const restored = deps.installer ? await deps.installer.restorePrevious(record.from) : 'unavailable';
    if (restored === 'restart') deps.restart();
    else if (restored === 'unavailable') log.error('no copy of the previous version to roll back to; the new version stays', { version: record.from });
  }

  function checkHealth(): Promise<void> | void {
    if (!verifying) return;
    const d = decideOnHealth(verifying.record, deps.healthy(), clock.now(), verifying.deadline);
    if (d.action === 'confirm') {
      records.write(d.record);
      log.info('update confirmed healthy', { version: d.record.to });
      verifying = null;
    } else if (d.action === 'roll_back') {
      return rollBack(d.record, d.reason);
    }
  }

  return {
    /** At start: a version that has just been installed begins its probation (or is rolled back). */
    async start(): Promise<void> {
      const record = records.read();
      if (record?.status === 'rolled_back') refused.add(record.to);
      const d = decideAtStart(record, deps.currentVersion, clock.now(), { graceMinutes: settings.healthGraceMinutes, maxStarts: settings.maxUnhealthyStarts });
      if (d.action === 'await_health') {
        records.write(d.record);
        verifying = { record: d.record, deadline: d.deadline };
      } else if (d.action === 'roll_back') {
        await rollBack(d.record, d.reason);
      } else if (d.action === 'forget') {
        log.warn('update did not take effect', { reason: d.reason });
        records.clear();
      }
    },
    /** Asks the feed now; resolves when a found update has been downloaded (or refused). */
    async checkNow(): Promise<void> {
      try {
        await updater.checkForUpdates();
      } catch (e) {
        log.error('update check failed', { error: (e as Error).message });
      }
    },
    /** Runs every minute: the new version's health, then a pending install. */
    async tick(): Promise<void> {
      await checkHealth();
      await tryInstall();
    },
    state,
  };
}

export type UpdateService = ReturnType<typeof createUpdateService>;
