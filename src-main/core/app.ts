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
import { createPeopleChannels } from './people/people-channels.js';
import type { CallContext } from './access/authorize.js';
import { createAdminAccess } from './access/admin-access.js';
import { createSettingsStore } from './settings/settings-store.js';
import { switchableProvider } from './sms/switchable-provider.js';

export interface CoreDeps {
  config: Config;
  dataDir: string;
  clock: Clock;
  log: Logger;
  /** Replaces the provider chosen by config (drills and tests at the network edge use the real ones). */
  smsProvider?: SmsProvider;
  /** Session tokens and PIN salts; tests pass their own. */
  random?: (n: number) => Buffer;
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
  const db: Db = openDatabase(join(dataDir, 'rollcall.db'), { now: () => clock.now() });
  const audit = createAuditLog(db, clock);
  const settings = createSettingsStore({ db, audit, clock, log, base: deps.config });
  // The live config: code that reads `config` when it runs (handlers, `() => config`) sees a change
  // from the admin screen at once; code that copies a value at start-up needs settings.onChange.
  let config: Config = settings.config();
  settings.onChange((next) => {
    config = next;
  });
  const sms = switchableProvider(() => deps.smsProvider ?? chooseProvider(config, dataDir));
  settings.onChange((_next, changed) => sms.settingsChanged(changed));
  const provider = sms.provider;
  const dispatcher = createSmsDispatcher({ db, provider, clock, log });
  let lastHeartbeat: { at: Date; beat: Heartbeat } | null = null;

  const checkIns = createCheckInService({
    db,
    config: () => config,
    clock,
    log,
    onQueued: () => dispatcher.wake(),
  });

  const access = createAdminAccess({ db, audit, clock, policy: () => config.admin, timezone: () => config.school.timezone, random: deps.random });

  const countToday = db.prepare("SELECT COUNT(DISTINCT student_id) AS n FROM attendance WHERE local_date = ? AND kind = 'check_in'");

  const people = createPeopleChannels({ db, config: () => config, clock, audit, onGalleryChanged: () => checkIns.galleryChanged() });

  const handlers: Handlers = {
    ...people,
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
    'admin:status': (_req, ctx) => access.status(ctx),
    'admin:setup-pin': (req) => access.setup(req),
    'admin:login': (req) => access.login(req),
    'admin:logout': (_req, ctx) => access.logout(ctx),
    'admin:change-pin': (req, ctx) => access.changePin(req, ctx),
    'settings:get': () => settings.view(),
    'settings:update': (req, ctx) => settings.update(req.patch, ctx.session!.role),
    'admin:audit': (req) =>
      audit.list({ limit: req.limit, beforeSeq: req.beforeSeq }).map(({ seq, occurredAt, actor, action, subject, details }) => ({ seq, occurredAt, actor, action, subject, details })),
  };

  return {
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
    lastHeartbeat: () => lastHeartbeat,
    async start() {
      await dispatcher.start();
      log.info('core started', { dataDir, sms: provider.name });
    },
    async stop() {
      await dispatcher.stop();
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
