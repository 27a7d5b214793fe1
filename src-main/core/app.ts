// The core composed: every service the kiosk needs, started in order and stopped in reverse.
// Both hosts (Electron's main process and `npm run serve`) build exactly this and only differ in how
// they carry the contract to the renderer.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Channel, type Heartbeat, type ValidRequestOf, type ResponseOf } from '../../src-preload/contract.js';
import type { Config } from './config/schema.js';
import { openDatabase, type Db } from './db/open.js';
import { createAuditLog } from './audit/audit-log.js';
import type { Logger } from './log.js';
import type { Clock } from './time/clock.js';
import { toSchoolTime } from './time/school-time.js';
import { currentSession } from './attendance/rules.js';
import { nextCheckInOpening } from './attendance/next-check-in.js';
import { createCheckInService } from './attendance/checkins.js';
import { createSmsDispatcher } from './sms/dispatcher.js';
import type { SmsProvider } from './sms/provider.js';
import { createAndroidGatewayCloudProvider, createAndroidGatewayLocalProvider } from './sms/providers/android-gateway-local.js';
import { createLogProvider } from './sms/providers/log.js';
import { smsLogFile } from './sms/providers/log-file.js';
import { createBackupService } from './backup/service.js';
import { createBackupAdmin } from './backup/admin-view.js';
import { lastRecovery } from './backup/recoveries.js';
import { recoverAtStartup, runPendingAfterRestore, type AfterRestoreHook } from './backup/restore.js';
import { createDiskGuard, freeBytesOn } from './db/disk-guard.js';
import { createMetrics, type Metrics } from './metrics/metrics.js';
import { createMetricsExport } from './metrics/json-export.js';
import { createScreenReports } from './health/screen-reports.js';
import { createHealthMonitor } from './health/monitor.js';
import { createHealthServer } from './health/server.js';
import type { BackupHealth, SmsHealth } from './health/checks.js';
import { createPageCommands, createWatchdog, type WatchdogHost } from './watchdog/watchdog.js';
import { serveWatchdogOptions, type WatchdogOptions } from './watchdog/policy.js';
import { createDailyJobs } from './schedule/daily-jobs.js';
import { schoolDayCalendar } from './schedule/school-days.js';
import { createTwilioProvider } from './sms/providers/twilio.js';
import { createSmsWebhookService } from './sms/webhook-service.js';
import { registerGatewayWebhooks } from './sms/webhook-registration.js';
import { createSmsAdmin } from './sms/admin.js';
import { createPeopleChannels } from './people/people-channels.js';
import type { CallContext } from './access/authorize.js';
import { createAdminAccess } from './access/admin-access.js';
import { setupCodeIn } from './access/setup-code.js';
import { createSettingsStore } from './settings/settings-store.js';
import { createTemplateCipher } from './recognition/template-cipher.js';
import { sealStoredTemplates } from './recognition/templates.js';
import type { TemplateKeyProvider } from './privacy/template-key.js';
import { createPrivacyService } from './privacy/privacy-service.js';
import { createAttendanceOffice } from './attendance/office.js';
import { offThreadReports } from './attendance/office.js';
import { createReportRunner } from './attendance/report-runner.js';
import { switchableProvider } from './sms/switchable-provider.js';
import { absenceReportState, registerDailyNotices, sendHeldAbsenceReport, type DailyNoticeDeps } from './daily-notices/jobs.js';
import { withdrawNoticesIfClosedToday } from './daily-notices/closed-day.js';
import { createSentLedger, reapplySentLedger } from './sms/sent-ledger.js';
import { outboxMetricsSource } from './sms/outbox-metrics.js';

export interface CoreDeps {
  config: Config;
  dataDir: string;
  clock: Clock;
  log: Logger;
  /** Replaces the provider chosen by config (drills and tests at the network edge use the real ones). */
  smsProvider?: SmsProvider;
  /** Run on the database after any restore, before the kiosk serves (privacy: re-apply deletions). */
  afterRestore?: AfterRestoreHook[];
  /** Health of the backup service (branch backup); without it health says backups are not monitored. */
  backupStatus?: () => BackupHealth | Promise<BackupHealth>;
  /** Health of the SMS sender (branch sms); without it health says SMS is not reported. */
  smsHealth?: () => SmsHealth | Promise<SmsHealth>;
  /** Overrides `health.port` (0 picks a free port: tests, several kiosks on one box). */
  healthPort?: number;
  /** Overrides `webhook.port` the same way (npm run serve -- --webhook-port). */
  webhookPort?: number;
  /**
   * Electron builds its window adapter around the default one (commands riding the heartbeat
   * response, which it keeps for re-opening the camera) and passes its own ladder.
   */
  watchdogHost?: (page: WatchdogHost) => WatchdogHost;
  watchdogOptions?: WatchdogOptions;
  /** App relaunches the host persisted (crash-loop detection across relaunches). */
  previousRelaunches?: Date[];
  saveRelaunches?: (relaunches: Date[]) => void;
  monotonicMs?: () => number;
  releaseId?: string;
  /** Session tokens and PIN salts; tests pass their own. */
  random?: (n: number) => Buffer;
  /** The key that seals face templates; kept away from the data folder (env, key file or safeStorage). */
  templateKey: TemplateKeyProvider;
}

/**
 * Channel handlers; the host has already validated each request against the contract and checked
 * the channel's role against the caller's admin session (`ctx.session`, the actor for the audit log).
 */
export type Handlers = {
  [C in Channel]: (request: ValidRequestOf<C>, ctx: CallContext) => Promise<ResponseOf<C>> | ResponseOf<C>;
};

export function createCore(deps: CoreDeps) {
  const { dataDir, clock, log } = deps;
  mkdirSync(join(dataDir, 'logs'), { recursive: true });
  // Before the open: a corrupt or empty database is quarantined and the newest good backup put back.
  const startupRecovery = recoverAtStartup({ dataDir, dbFile: join(dataDir, 'rollcall.db'), clock, log });
  const db: Db = openDatabase(join(dataDir, 'rollcall.db'), { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  const settings = createSettingsStore({ db, audit, clock, log, base: deps.config });
  // The live config: code that reads `config` when it runs (handlers, `() => config`) sees a change
  // from the admin screen at once; code that copies a value at start-up needs settings.onChange.
  let config: Config = settings.config();
  settings.onChange((next) => {
    config = next;
  });
  // A day closed after its notices were decided (a snow day declared at 07:40): their texts are withheld.
  settings.onChange((next) => {
    const withheld = withdrawNoticesIfClosedToday(db, next, clock.now());
    if (withheld > 0) log.info('daily notices withdrawn: the school is closed today', { textsWithheld: withheld });
  });
  // Rebuilt when an SMS provider setting changes in the admin screen.
  const sms = switchableProvider(() => deps.smsProvider ?? chooseProvider(config, dataDir, clock));
  settings.onChange((_next, changed) => sms.settingsChanged(changed));
  // The phone is told where to post delivery reports at start; a gateway or address changed in the
  // admin screen is told at once rather than at the next start.
  settings.onChange((next, changed) => {
    const gw = next.sms.androidGateway;
    if (!changed.some((c) => /^sms\.(provider|androidGateway\.(url|username|password|webhookUrl|deviceId))$/.test(c.key))) return;
    if (!gw.webhookUrl || !next.sms.provider.startsWith('android-gateway')) return;
    void registerGatewayWebhooks({ url: gw.url, username: gw.username, password: gw.password, webhookUrl: gw.webhookUrl, deviceId: gw.deviceId, timeoutMs: gw.timeoutMs, log });
  });
  const provider = sms.provider;
  // Texts the provider already has, outside the database: a backup restore must not send them again.
  const sentLedger = createSentLedger(join(dataDir, 'sms-sent.jsonl'), { log, now: () => clock.now() });
  try {
    sentLedger.compact(clock.now());
  } catch (e) {
    log.warn('sms sent-ledger not compacted', { error: (e as { code?: string }).code ?? (e as Error).message });
  }
  const metrics: Metrics = createMetrics({ version: deps.releaseId });
  metrics.readSmsFrom(outboxMetricsSource(db, clock));
  const dispatcher = createSmsDispatcher({
    metrics,
    db,
    sentLedger,
    provider,
    clock,
    log,
    settings: () => ({ limits: config.sms.limits, quietHours: config.sms.quietHours, timeZone: config.school.timezone }),
  });
  const smsWebhook = createSmsWebhookService({
    metrics,
    db,
    clock,
    log,
    host: config.webhook.host,
    port: deps.webhookPort ?? config.webhook.port,
    secrets: () => ({
      signingKey: config.sms.androidGateway.webhookSigningKey,
      twilioAuthToken: config.sms.twilio.authToken,
      twilioCallbackUrl: config.sms.twilio.statusCallbackUrl,
    }),
  });
  const smsAdmin = createSmsAdmin({ db, clock, config: () => config, providerName: provider.name, rateLimiter: dispatcher.rateLimiter, onQueued: () => dispatcher.wake() });
  let lastHeartbeat: { at: Date; beat: Heartbeat } | null = null;
  const screenReports = createScreenReports();
  const pageCommands = createPageCommands();
  const watchdog = createWatchdog({
    options: deps.watchdogOptions ?? serveWatchdogOptions,
    host: deps.watchdogHost ? deps.watchdogHost(pageCommands.host) : pageCommands.host,
    clock,
    log,
    restartLog: join(dataDir, 'logs', 'watchdog_restarts.log'),
    metrics,
    ...(deps.monotonicMs ? { monotonicMs: deps.monotonicMs } : {}),
    ...(deps.previousRelaunches ? { previousRelaunches: deps.previousRelaunches } : {}),
    ...(deps.saveRelaunches ? { saveRelaunches: deps.saveRelaunches } : {}),
  });

  const cipher = createTemplateCipher(deps.templateKey.load());
  const sealed = sealStoredTemplates(db, cipher);
  if (sealed.sealed > 0) log.info('plaintext face templates sealed', { count: sealed.sealed });

  const checkIns = createCheckInService({
    db,
    config: () => config,
    clock,
    log,
    cipher,
    onQueued: () => dispatcher.wake(),
    onOutcome: (method, outcome) => metrics.checkIn(method, outcome),
  });

  const privacy = createPrivacyService({
    db,
    config: () => config,
    dataDir,
    clock,
    log,
    audit,
    templateKeySource: deps.templateKey.source,
    onTemplatesDeleted: () => checkIns.galleryChanged(),
  });
  privacy.start();
  const diskGuard = createDiskGuard({ db, dataDir, clock, log, ballastBytes: config.disk.ballastMiB * 1024 * 1024, freeBytes: freeBytesOn });
  const backups = createBackupService({ db, dataDir, clock, log, settings: () => config.backup, metrics });
  // Deletions recorded after the backup was taken are re-applied before the gallery is reloaded.
  const afterRestore: AfterRestoreHook[] = [({ db: restored }) => void privacy.afterRestore(restored), () => checkIns.galleryChanged(), ...(deps.afterRestore ?? [])];
  // Texts sent since the backup was taken are done, not queued again.
  afterRestore.unshift(({ db: restored }) => {
    const settled = reapplySentLedger(restored, sentLedger, clock.now());
    log.info('sms sent-ledger re-applied after restore', { settled });
  });
  const backupAdmin = createBackupAdmin({ db, dataDir, clock, log, backups, disk: diskGuard, afterRestore });
  const access = createAdminAccess({ db, audit, clock, policy: () => config.admin, timezone: () => config.school.timezone, random: deps.random, setupCode: setupCodeIn(dataDir, deps.random) });

  const attendanceOffice = createAttendanceOffice({ db, config: () => config, clock, audit, checkIns });
  // A whole-school report over a year reads hundreds of thousands of rows: a worker thread does it.
  const attendanceReports = offThreadReports(createReportRunner({ dbFile: join(dataDir, 'rollcall.db'), config: () => config, clock }));

  const countToday = db.prepare("SELECT COUNT(DISTINCT student_id) AS n FROM attendance_effective WHERE local_date = ? AND kind = 'check_in'");

  const people = createPeopleChannels({
    db,
    config: () => config,
    clock,
    audit,
    cipher,
    onGalleryChanged: () => checkIns.galleryChanged(),
    afterWithdrawal: (studentId, actor) => void privacy.eraseStudent(studentId, 'withdrawn', actor),
  });

  const dailyNoticeDeps: DailyNoticeDeps = {
    db,
    config: () => config,
    log,
    onQueued: () => dispatcher.wake(),
    onReported: (kind, students) => metrics.dailyNotices(kind, students),
    lostWindow: () => {
      const r = lastRecovery(dataDir);
      return r ? { from: r.lostFrom ? new Date(r.lostFrom) : null, until: new Date(r.lostUntil) } : null;
    },
    alreadySent: (messageId) => sentLedger.get(messageId) !== undefined,
  };
  const today = () => toSchoolTime(clock.now(), config.school.timezone).date;

  const handlers: Handlers = {
    ...people,
    'notices:absence-report': () => absenceReportState(db, today()),
    'notices:send-held-absence': (_req, ctx) => {
      const date = today();
      const r = sendHeldAbsenceReport(dailyNoticeDeps, date, clock.now(), ctx.session!.role);
      if (r.ok) audit.append({ actor: ctx.session!.role, action: 'notices.send_held_absence', subject: `day:${date}`, details: { reported: r.reported, texts: r.texts } });
      return r;
    },
    'kiosk:status': () => {
      const at = toSchoolTime(clock.now(), config.school.timezone);
      return {
        schoolName: config.school.name,
        timezone: config.school.timezone,
        locale: config.school.locale,
        language: config.school.language,
        localDate: at.date,
        localTime: at.hhmm,
        session: currentSession(config.schedule, at),
        checkedInToday: (countToday.get(at.date) as { n: number }).n,
        faceRecognition: config.kiosk.faceRecognition,
        nextCheckIn: currentSession(config.schedule, at) ? null : nextCheckInOpening(config.schedule, at),
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
    ...privacy.handlers,
    'admin:status': (_req, ctx) => access.status(ctx),
    'admin:setup-pin': (req) => access.setup(req),
    'admin:login': (req) => access.login(req),
    'admin:logout': (_req, ctx) => access.logout(ctx),
    'admin:change-pin': (req, ctx) => access.changePin(req, ctx),
    'settings:get': () => settings.view(),
    'settings:update': (req, ctx) => settings.update(req.patch, ctx.session!.role),
    'admin:audit': (req) =>
      audit.list({ limit: req.limit, beforeSeq: req.beforeSeq }).map(({ seq, occurredAt, actor, action, subject, details }) => ({ seq, occurredAt, actor, action, subject, details })),
    ...attendanceOffice,
    ...attendanceReports,
    'sms:delivery-log': (req) => smsAdmin.deliveryLog(req),
    'sms:template-preview': (req) => smsAdmin.templatePreview(req),
    'sms:status': () => smsAdmin.capacityStatus(),
    'sms:send-test': (req) => smsAdmin.sendTest(req),
    // The Electron host replaces this with the handler that leaves kiosk mode (src-main/electron/shell.ts).
    'shell:exit-kiosk': () => ({ outcome: 'not_available' as const, reason: 'this kiosk runs in a browser; close the browser window to leave it' }),
    'backup:list': () => backupAdmin.overview(),
    'backup:now': () => backupAdmin.backupNow(),
    'backup:restore': (req) => backupAdmin.restore(req.file),
  };
  // A full disk releases the reserve and retries once, for every channel, instead of failing the request.
  for (const name of Object.keys(handlers) as Channel[]) {
    const handle = handlers[name] as (r: unknown, ctx: CallContext) => unknown;
    (handlers as Record<Channel, (r: unknown, ctx: CallContext) => unknown>)[name] = (r: unknown, ctx: CallContext) => diskGuard.guard(() => handle(r, ctx));
  }

  const identify = handlers['kiosk:identify'];
  handlers['kiosk:identify'] = async (req, ctx) => {
    const t0 = performance.now();
    try {
      return await identify(req, ctx);
    } finally {
      metrics.recognitionSeconds((performance.now() - t0) / 1000);
    }
  };
  const heartbeat = handlers['kiosk:heartbeat'];
  handlers['kiosk:heartbeat'] = async (req, ctx) => {
    await heartbeat(req, ctx);
    screenReports.record(req, clock.now());
    watchdog.heartbeat(req);
    const command = pageCommands.take(req.pageId);
    return command ? { ok: true as const, command } : { ok: true as const };
  };

  const dbFile = join(dataDir, 'rollcall.db');
  /** The dispatcher's view of the gateway in the shape health reads; the outbox age comes from the database. */
  const gatewayHealth = (): SmsHealth => {
    const d = dispatcher.stats();
    const oldest = db.prepare("SELECT MIN(created_at) FROM sms_outbox WHERE state = 'queued'").pluck().get() as string | null;
    const pending = db.prepare("SELECT COUNT(*) FROM sms_outbox WHERE state = 'queued'").pluck().get() as number;
    return {
      lastSuccessAt: d.lastAnswerAt,
      consecutiveFailures: d.failuresSinceAnswer,
      oldestPendingAt: oldest ? new Date(oldest) : null,
      pending,
      ...(d.lastFailure ? { lastError: d.lastFailure.slice(0, 100) } : {}),
    };
  };
  /** The backup service's status in the shape health reads, with this start's recovery if there was one. */
  const backupHealth = (): BackupHealth => {
    const b = backups.status();
    const recovered = startupRecovery?.backupTakenAt ? startupRecovery : null;
    return {
      newestVerifiedAt: b.lastVerifiedAt ? new Date(b.lastVerifiedAt) : null,
      verifiedCount: b.count,
      keep: b.keep,
      oldestVerifiedAt: b.oldestVerifiedAt ? new Date(b.oldestVerifiedAt) : null,
      intervalMinutes: b.intervalMinutes,
      ...(b.lastError ? { lastError: b.lastError.message } : {}),
      ...(b.lastIntegrity && b.lastVerifiedAt ? { integrity: { result: b.lastIntegrity, at: new Date(b.lastVerifiedAt), source: 'backup integrity_check' as const } } : {}),
      ...(recovered ? { restoredFrom: { backupAt: new Date(recovered.backupTakenAt!), lostSince: new Date(recovered.lostFrom ?? recovered.backupTakenAt!) } } : {}),
    };
  };
  const healthMonitor = createHealthMonitor({
    db,
    dbFile,
    dataDir,
    clock,
    log,
    identity: { releaseId: deps.releaseId ?? 'dev', serviceId: config.school.name },
    screen: screenReports,
    faceRecognition: () => config.kiosk.faceRecognition,
    watchdog: () => watchdog.health(),
    localDate: () => toSchoolTime(clock.now(), config.school.timezone).date,
    metrics,
    smsHealth: deps.smsHealth ?? gatewayHealth,
    backupStatus: deps.backupStatus ?? backupHealth,
    diskGuard: () => diskGuard.status(),
    ...(deps.monotonicMs ? { monotonicMs: deps.monotonicMs } : {}),
    ...(log.fileHealth ? { logFile: () => log.fileHealth!() } : {}),
    ignoredSettings: () => settings.ignoredAtStart().length,
  });
  const healthServer = createHealthServer({
    monitor: healthMonitor,
    metrics,
    clock,
    log,
    host: config.health.host,
    port: deps.healthPort ?? config.health.port,
    token: () => config.health.token,
  });
  const metricsExport = createMetricsExport({ metrics, file: join(dataDir, 'metrics.json'), clock, log });
  /** Other services register their daily jobs here before start(): absence report, retention, no-check-out. */
  const dailyJobs = createDailyJobs({
    db,
    clock,
    log,
    metrics,
    timezone: () => config.school.timezone,
    // Read at each run, so holidays added in the admin screen apply at once.
    isSchoolDay: (localDate) => schoolDayCalendar({ timezone: config.school.timezone, schoolDays: config.schedule.schoolDays, holidays: config.schedule.holidays })(localDate),
  });

  dailyJobs.register({
    name: 'biometric-retention',
    at: '05:00',
    run: ({ now }) => {
      const summary = privacy.retentionJob(db, now);
      log.info('biometric retention ran', { ...summary });
    },
  });

  // Absence report and no-check-out notice; their texts go through the dispatcher like any other.
  registerDailyNotices(dailyJobs, dailyNoticeDeps);

  /** Started after the dispatcher, in this order; stopped in reverse. */
  const itServices = [
    watchdog,
    healthMonitor,
    {
      // The kiosk still records attendance when the health port is taken; IT sees it in the log.
      async start() {
        try {
          await healthServer.start();
          log.info('health server listening', { url: healthServer.url });
        } catch (e) {
          log.error('health server could not start', { error: (e as Error).message, host: config.health.host, port: deps.healthPort ?? config.health.port });
        }
      },
      stop: () => healthServer.stop(),
    },
    metricsExport,
    dailyJobs,
  ];

  return {
    metrics,
    dailyJobs,
    watchdog,
    healthMonitor,
    healthServer,
    screenReports,
    db,
    audit,
    handlers,
    /** Hosts look up the caller's admin session here before checking a channel's role. */
    sessions: access.sessions,
    settings,
    /** The live config, for services composed outside the core (health, backup, …). */
    config: () => config,
    checkIns,
    dispatcher,
    /** The sealer for enrolment code (addTemplate) and the privacy hooks: retentionJob, afterRestore. */
    cipher,
    privacy,
    lastHeartbeat: () => lastHeartbeat,
    smsWebhook,
    smsAdmin,
    backups,
    diskGuard,
    /** For health: newest verified backup age, count, last error. */
    backupStatus: () => backups.status(),
    /** For health: ok / reserve_in_use / full, with the reason. */
    diskStatus: () => diskGuard.status(),
    /** For health and the admin screen: this start's recovery (null if none) and the last ever recorded. */
    recoveryStatus: () => ({ atStartup: startupRecovery, last: lastRecovery(dataDir) }),
    async start() {
      await runPendingAfterRestore({ db, dataDir, log, afterRestore });
      await diskGuard.start();
      backups.start();
      await dispatcher.start();
      // Check-ins and texts go on without delivery reports; a port in use must not stop the kiosk.
      await smsWebhook.start().catch((e: unknown) => log.error('sms webhook server did not start', { error: (e as Error).message }));
      const gw = config.sms.androidGateway;
      if (gw.webhookUrl && config.sms.provider.startsWith('android-gateway')) {
        void registerGatewayWebhooks({ url: gw.url, username: gw.username, password: gw.password, webhookUrl: gw.webhookUrl, deviceId: gw.deviceId, timeoutMs: gw.timeoutMs, log });
      }
      for (const service of itServices) await service.start();
      log.info('core started', { dataDir, sms: provider.name });
      const firstRun = access.firstRunSetupCode();
      // Whoever installs the kiosk reads the code in the owner-only file; logs and the journal say only where it is.
      if (firstRun) log.warn('admin screen not set up yet: first-run setup asks for the one-time code in this file', { file: firstRun.file });
    },
    async stop() {
      for (const service of [...itServices].reverse()) await service.stop();
      await smsWebhook.stop();
      await dispatcher.stop();
      await backups.stop();
      diskGuard.stop();
      db.close();
      log.info('core stopped');
    },
  };
}

export type Core = ReturnType<typeof createCore>;

/** Days the log provider's sms.log files are kept (they name children; README "SMS"). */
const SMS_LOG_KEEP_DAYS = 7;

function chooseProvider(config: Config, dataDir: string, clock: Clock): SmsProvider {
  const gw = config.sms.androidGateway;
  const gatewayOptions = {
    url: gw.url,
    username: gw.username,
    password: gw.password,
    withDeliveryReport: gw.withDeliveryReport,
    timeoutMs: gw.timeoutMs,
    simNumber: gw.simNumber,
    deviceId: gw.deviceId,
  };
  if (config.sms.provider === 'android-gateway-local') return createAndroidGatewayLocalProvider(gatewayOptions);
  if (config.sms.provider === 'android-gateway-cloud') return createAndroidGatewayCloudProvider(gatewayOptions);
  if (config.sms.provider === 'twilio') {
    const tw = config.sms.twilio;
    return createTwilioProvider({ accountSid: tw.accountSid, authToken: tw.authToken, from: tw.from, statusCallbackUrl: tw.statusCallbackUrl, timeoutMs: tw.timeoutMs });
  }
  return createLogProvider({ write: smsLogFile({ dir: join(dataDir, 'logs'), keepDays: SMS_LOG_KEEP_DAYS, now: () => clock.now() }) });
}
