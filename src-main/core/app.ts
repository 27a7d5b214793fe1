// The core composed: every service the kiosk needs, started in order and stopped in reverse.
// Both hosts (Electron's main process and `npm run serve`) build exactly this and only differ in how
// they carry the contract to the renderer.
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Channel, type Heartbeat, type ValidRequestOf, type ResponseOf } from '../../src-preload/contract.js';
import type { Config } from './config/schema.js';
import { openDatabase, type Db } from './db/open.js';
import { createAuditLog } from './audit/audit-log.js';
import type { Logger } from './log.js';
import type { Clock } from './time/clock.js';
import { toSchoolTime } from './time/school-time.js';
import { currentSession } from './attendance/rules.js';
import { createCheckInService } from './attendance/checkins.js';
import { createSmsDispatcher } from './sms/dispatcher.js';
import type { SmsProvider } from './sms/provider.js';
import { createAndroidGatewayLocalProvider } from './sms/providers/android-gateway-local.js';
import { createLogProvider } from './sms/providers/log.js';
import { createBackupService } from './backup/service.js';
import { createBackupAdmin } from './backup/admin-view.js';
import { lastRecovery } from './backup/recoveries.js';
import { recoverAtStartup, runPendingAfterRestore, type AfterRestoreHook } from './backup/restore.js';
import { createDiskGuard, freeBytesOn } from './db/disk-guard.js';
import { databaseSafetyChecks } from './backup/health-checks.js';

export interface CoreDeps {
  config: Config;
  dataDir: string;
  clock: Clock;
  log: Logger;
  /** Replaces the provider chosen by config (drills and tests at the network edge use the real ones). */
  smsProvider?: SmsProvider;
  /** Run on the database after any restore, before the kiosk serves (privacy: re-apply deletions). */
  afterRestore?: AfterRestoreHook[];
}

/** Channel handlers; the host has already validated each request against the contract. */
export type Handlers = { [C in Channel]: (request: ValidRequestOf<C>) => Promise<ResponseOf<C>> | ResponseOf<C> };

export function createCore(deps: CoreDeps) {
  const { config, dataDir, clock, log } = deps;
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  // Before the open: a corrupt or empty database is quarantined and the newest good backup put back.
  const startupRecovery = recoverAtStartup({ dataDir, dbFile: join(dataDir, 'rollcall.db'), clock, log });
  const db: Db = openDatabase(join(dataDir, 'rollcall.db'), { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  const provider = deps.smsProvider ?? chooseProvider(config, dataDir);
  const dispatcher = createSmsDispatcher({ db, provider, clock, log });
  let lastHeartbeat: { at: Date; beat: Heartbeat } | null = null;

  const checkIns = createCheckInService({
    db,
    config: () => config,
    clock,
    log,
    onQueued: () => dispatcher.wake(),
  });

  const diskGuard = createDiskGuard({ db, dataDir, clock, log, ballastBytes: config.disk.ballastMiB * 1024 * 1024, freeBytes: freeBytesOn });
  const backups = createBackupService({ db, dataDir, clock, log, settings: () => config.backup });
  const afterRestore: AfterRestoreHook[] = [() => checkIns.galleryChanged(), ...(deps.afterRestore ?? [])];
  const backupAdmin = createBackupAdmin({ db, dataDir, clock, log, backups, disk: diskGuard, afterRestore });

  const countToday = db.prepare("SELECT COUNT(DISTINCT student_id) AS n FROM attendance WHERE local_date = ? AND kind = 'check_in'");

  const handlers: Handlers = {
    'kiosk:status': () => {
      const at = toSchoolTime(clock.now(), config.school.timezone);
      return {
        schoolName: config.school.name,
        timezone: config.school.timezone,
        locale: config.school.locale,
        localDate: at.date,
        localTime: at.hhmm,
        session: currentSession(config.schedule, at),
        checkedInToday: (countToday.get(at.date) as { n: number }).n,
        faceRecognition: config.kiosk.faceRecognition,
      };
    },
    'kiosk:vision-settings': () => ({
      modelId: config.recognition.modelId,
      detector: config.recognition.detector,
      agreeFrames: config.recognition.agreeFrames,
      quality: config.recognition.quality,
    }),
    'kiosk:identify': (req) => checkIns.checkInByFace(req),
    'kiosk:check-in-card': (req) => checkIns.checkInByCard(req.code),
    'kiosk:check-in-pin': (req) => checkIns.checkInByPin(req.studentNumber, req.pin),
    'kiosk:heartbeat': (req) => {
      lastHeartbeat = { at: clock.now(), beat: req };
      return { ok: true as const };
    },
    'backup:list': () => backupAdmin.overview(),
    'backup:now': () => backupAdmin.backupNow(),
    'backup:restore': (req) => backupAdmin.restore(req.file),
  };
  // A full disk releases the reserve and retries once, for every channel, instead of failing the request.
  for (const name of Object.keys(handlers) as Channel[]) {
    const handle = handlers[name] as (r: unknown) => unknown;
    (handlers as Record<Channel, (r: unknown) => unknown>)[name] = (r: unknown) => diskGuard.guard(() => handle(r));
  }

  return {
    db,
    audit,
    handlers,
    checkIns,
    dispatcher,
    lastHeartbeat: () => lastHeartbeat,
    backups,
    diskGuard,
    /** For health: newest verified backup age, count, last error. */
    backupStatus: () => backups.status(),
    /** For health: ok / reserve_in_use / full, with the reason. */
    diskStatus: () => diskGuard.status(),
    /** For health and the admin screen: this start's recovery (null if none) and the last ever recorded. */
    recoveryStatus: () => ({ atStartup: startupRecovery, last: lastRecovery(dataDir) }),
    /** For /health: backup:age, backup:count, sqlite:integrity and disk:reserve entries, thresholds applied. */
    databaseSafetyChecks: () =>
      databaseSafetyChecks({ backup: backups.status(), disk: diskGuard.status(), recovery: { atStartup: startupRecovery, last: lastRecovery(dataDir) }, now: clock.now() }),
    async start() {
      await runPendingAfterRestore({ db, dataDir, log, afterRestore });
      await diskGuard.start();
      backups.start();
      await dispatcher.start();
      log.info('core started', { dataDir, sms: provider.name });
    },
    async stop() {
      await dispatcher.stop();
      await backups.stop();
      diskGuard.stop();
      db.close();
      log.info('core stopped');
    },
  };
}

export type Core = ReturnType<typeof createCore>;

function chooseProvider(config: Config, dataDir: string): SmsProvider {
  if (config.sms.provider === 'android-gateway-local') {
    const gw = config.sms.androidGateway;
    return createAndroidGatewayLocalProvider({
      url: gw.url,
      username: gw.username,
      password: gw.password,
      withDeliveryReport: gw.withDeliveryReport,
      timeoutMs: gw.timeoutMs,
    });
  }
  const file = join(dataDir, 'logs', 'sms.log');
  return createLogProvider({ write: (line: string) => appendFileSync(file, line + '\n') });
}
