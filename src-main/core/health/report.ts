// Puts the checks together into the draft-inadarei-api-health-check-06 documents the endpoints serve.
// Pure: the same readings always give the same document.
import {
  backupAge,
  backupCount,
  cameraFrameAge,
  clockOffset,
  diskUtilization,
  eventLoopLag,
  recognizerResponseTime,
  rendererHeartbeatAge,
  rendererRestarts,
  smsGatewayReachability,
  smsOutboxOldestPendingAge,
  sqliteIntegrity,
  sqliteResponseTime,
  watchdogState,
  worst,
  type BackupHealth,
  type CheckResult,
  type ClockJump,
  type DbWriteReading,
  type DiskReading,
  type HealthStatus,
  type IntegrityReading,
  type OutboxReading,
  type RecognizerReading,
  type ScreenReading,
  type SmsHealth,
  type WatchdogHealth,
} from './checks.js';
import type { LogFileHealth } from '../log-space.js';
import { logFileCheck } from './log-check.js';

export interface HealthReadings {
  now: Date;
  startedAt: Date;
  faceRecognition: boolean;
  dbWrite: DbWriteReading | null;
  dbLastSuccessAt: Date | null;
  integrity: IntegrityReading | null;
  screen: ScreenReading | null;
  recognizer: RecognizerReading;
  disk: DiskReading | null;
  /** null when no SMS health provider is wired. */
  sms: SmsHealth | null;
  /** Read from sms_outbox by health itself; null before the first read. */
  outbox: OutboxReading | null;
  /** null when no backup status provider is wired. */
  backup: BackupHealth | null;
  clockJumps: readonly ClockJump[];
  eventLoopP99Seconds: number;
  watchdog: WatchdogHealth;
  /** The file logger's state; absent when logging goes elsewhere (stderr, tests). */
  logFile?: LogFileHealth | null;
  /** Stored settings this version refused at start (an earlier version accepted them). */
  ignoredSettings?: number;
}

export interface HealthDocument {
  status: HealthStatus;
  version: '1';
  releaseId: string;
  serviceId: string;
  description: string;
  notes?: string[];
  checks: Record<string, CheckResult[]>;
}

export interface ServiceIdentity {
  releaseId: string;
  serviceId: string;
}

/** The checks that decide whether this kiosk can record attendance now (`/health/ready`). */
export const READY_CHECKS = [
  'sqlite:responseTime',
  'sqlite:integrity',
  'camera:frameAge',
  'recognizer:responseTime',
  'renderer:heartbeatAge',
  'disk:utilization',
  'watchdog:state',
] as const;

export function buildHealth(r: HealthReadings, id: ServiceIdentity): HealthDocument {
  const { now, startedAt } = r;
  const checks: Record<string, CheckResult> = {
    'sqlite:responseTime': sqliteResponseTime(r.dbWrite, r.dbLastSuccessAt, startedAt, now),
    'sqlite:integrity': sqliteIntegrity(newestIntegrity(r.integrity, r.backup?.integrity ?? null), now),
    'camera:frameAge': cameraFrameAge(r.screen, startedAt, now),
    'recognizer:responseTime': recognizerResponseTime(r.screen, r.recognizer, r.faceRecognition, startedAt, now),
    'renderer:heartbeatAge': rendererHeartbeatAge(r.screen, startedAt, now),
    'renderer:restarts': rendererRestarts(r.watchdog, now),
    'watchdog:state': watchdogState(r.watchdog, now),
    'disk:utilization': diskUtilization(r.disk, now),
    'clock:offset': clockOffset(r.clockJumps, now),
    'eventLoop:lag': eventLoopLag(r.eventLoopP99Seconds, now),
  };
  const notes: string[] = [];
  if (r.sms) {
    checks['smsGateway:reachability'] = smsGatewayReachability(r.sms, startedAt, now);
    if (checks['smsGateway:reachability'].status !== 'pass') notes.push('sms gateway degraded; messages are queued');
  } else {
    notes.push('sms gateway status is not reported by this build');
  }
  const outbox = r.sms ?? r.outbox;
  if (outbox) checks['smsOutbox:oldestPendingAge'] = smsOutboxOldestPendingAge(outbox, now);
  if (r.backup) {
    checks['backup:age'] = backupAge(r.backup, startedAt, now);
    checks['backup:count'] = backupCount(r.backup, now);
    if (r.backup.restoredFrom) {
      notes.push(
        `database restored at start from the backup of ${r.backup.restoredFrom.backupAt.toISOString()}; ` +
          `records after ${r.backup.restoredFrom.lostSince.toISOString()} may be missing`,
      );
    }
  } else {
    notes.push('backups are not monitored by this build');
  }
  if (r.logFile) {
    checks['log:file'] = logFileCheck(r.logFile, now);
    if (r.logFile.failing) notes.push('log lines are being dropped until the data disk has room again');
  }
  if (r.ignoredSettings !== undefined) {
    checks['settings:stored'] = {
      componentType: 'component',
      status: r.ignoredSettings > 0 ? 'warn' : 'pass',
      time: now.toISOString(),
      observedValue: r.ignoredSettings,
      observedUnit: 'settings ignored',
      ...(r.ignoredSettings > 0 ? { output: 'stored settings from an earlier version are refused by this one and ignored; see Settings on the admin screen' } : {}),
    };
  }
  if (r.watchdog.outOfOrder) notes.push('out of order: the kiosk screen kept failing; see the office');

  // fail only from what stops attendance, or from having no recent backup; anything else at most warns.
  const decisive = [...READY_CHECKS.map((k) => readyStatus(k, checks[k]!)), checks['backup:age']?.status ?? 'pass'];
  const rest = Object.values(checks).map((c) => (c.status === 'fail' ? 'warn' : c.status));
  const status = worst(...decisive, ...rest);
  return {
    status,
    version: '1',
    releaseId: id.releaseId,
    serviceId: id.serviceId,
    description: 'Rollcall attendance kiosk',
    ...(notes.length ? { notes } : {}),
    checks: Object.fromEntries(Object.entries(checks).map(([k, v]) => [k, [v]])),
  };
}

/** Disk space only counts against readiness when it fails (reliability.md 1.4). */
function readyStatus(key: string, c: CheckResult): HealthStatus {
  return key === 'disk:utilization' && c.status === 'warn' ? 'pass' : c.status;
}

function newestIntegrity(a: IntegrityReading | null, b: IntegrityReading | null): IntegrityReading | null {
  if (!a || !b) return a ?? b;
  return b.at.getTime() > a.at.getTime() ? b : a;
}

/** `/health/ready`: only the ready-critical keys, each with its status (and why, when not passing). */
export function readyDocument(full: HealthDocument): { status: HealthStatus; checks: Record<string, { status: HealthStatus; output?: string }[]> } {
  const checks: Record<string, { status: HealthStatus; output?: string }[]> = {};
  for (const k of READY_CHECKS) {
    const c = full.checks[k]![0]!;
    const status = readyStatus(k, c);
    checks[k] = [{ status, ...(status !== 'pass' && c.output ? { output: c.output } : {}) }];
  }
  return { status: worst(...Object.values(checks).map((c) => c[0]!.status)), checks };
}

/** `/health/live`: the event loop only; the live probe must not depend on anything outside the process. */
export function liveDocument(lagSeconds: number, now: Date): { status: HealthStatus; checks: { 'eventLoop:lag': CheckResult[] } } {
  const c = eventLoopLag(lagSeconds, now);
  return { status: c.status, checks: { 'eventLoop:lag': [{ ...c }] } };
}

/** draft-06 3.1: pass and warn are 2xx, fail is 4xx-5xx. */
export const httpStatusFor = (s: HealthStatus): number => (s === 'fail' ? 503 : 200);
