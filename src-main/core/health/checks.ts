// What each observed value means for the kiosk: pure functions from readings to pass/warn/fail, with
// the thresholds of reliability.md 1.4. No I/O here; the monitor gathers readings, these judge them.
export type HealthStatus = 'pass' | 'warn' | 'fail';

export interface CheckResult {
  componentType: 'component' | 'datastore' | 'system';
  status: HealthStatus;
  /** When the value was read (ISO 8601, UTC). Readings are cached, so this may be seconds ago. */
  time: string;
  observedValue?: number | string | boolean | null;
  observedUnit?: string;
  /** Why, in words an IT person can act on; never a name or a phone number. */
  output?: string;
  [extra: string]: unknown;
}

export const WORST: Record<HealthStatus, number> = { pass: 0, warn: 1, fail: 2 };
export const worst = (...s: HealthStatus[]): HealthStatus => s.reduce((a, b) => (WORST[b] > WORST[a] ? b : a), 'pass' as HealthStatus);

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const secondsBetween = (later: Date, earlier: Date) => (later.getTime() - earlier.getTime()) / 1000;

/** The last health write transaction (a one-row upsert). */
export type DbWriteReading =
  | { ok: true; ms: number; at: Date }
  | { ok: false; code: string; message: string; at: Date };

export function sqliteResponseTime(last: DbWriteReading | null, lastSuccessAt: Date | null, startedAt: Date, now: Date): CheckResult {
  const base = { componentType: 'datastore' as const, time: (last?.at ?? now).toISOString() };
  const sinceSuccess = secondsBetween(now, lastSuccessAt ?? startedAt);
  if (!last) return { ...base, status: sinceSuccess > 120 ? 'fail' : 'warn', observedValue: null, observedUnit: 'ms', output: 'no write measured yet' };
  if (!last.ok) {
    const hard = /^SQLITE_(FULL|IOERR|CORRUPT|READONLY|NOTADB|CANTOPEN|PERM)/.test(last.code);
    const status: HealthStatus = hard || sinceSuccess > 120 ? 'fail' : 'warn';
    const why = last.code.startsWith('SQLITE_FULL') ? 'the disk is full' : last.code.startsWith('SQLITE_BUSY') ? 'the database was busy' : 'the write failed';
    return { ...base, status, observedValue: null, observedUnit: 'ms', errorCode: last.code, output: `${why} (${last.code})` };
  }
  if (sinceSuccess > 120) return { ...base, status: 'fail', observedValue: round(last.ms), observedUnit: 'ms', output: `no successful write for ${Math.round(sinceSuccess)} s` };
  return { ...base, status: last.ms < 200 ? 'pass' : 'warn', observedValue: round(last.ms), observedUnit: 'ms', ...(last.ms >= 200 ? { output: 'slow database write' } : {}) };
}

export interface IntegrityReading {
  /** 'ok', or the first line the check printed, or the error it threw (a thrown check is corruption). */
  result: string;
  at: Date;
  source: 'startup quick_check' | 'backup integrity_check' | 'restore';
}

export function sqliteIntegrity(r: IntegrityReading | null, now: Date): CheckResult {
  if (!r) return { componentType: 'datastore', status: 'warn', time: now.toISOString(), observedValue: null, output: 'integrity not checked yet' };
  const ok = r.result === 'ok';
  return {
    componentType: 'datastore',
    status: ok ? 'pass' : 'fail',
    time: r.at.toISOString(),
    observedValue: ok ? 'ok' : 'damaged',
    source: r.source,
    ...(ok ? {} : { output: r.result.slice(0, 200) }),
  };
}

/** The kiosk screen's heartbeat as the core received it. */
export interface ScreenReading {
  receivedAt: Date;
  fps: number;
  cameraState: 'starting' | 'running' | 'stalled' | 'error' | 'paused';
  visionState: 'loading' | 'ready' | 'error' | 'paused';
  /** Time from the last camera frame to the beat, as the screen measured it. */
  lastFrameAgeMs?: number;
  error?: string;
}

/** Grace after start before a missing screen or camera counts as a failure (the page is loading). */
export const STARTUP_GRACE_S = 60;
/** Below this many frames per second the camera is working but recognition suffers. */
export const MIN_FPS = 5;
/** A 'paused' beat counts as paused this long; after that the page that sent it is gone (as heartbeat age fails). */
export const PAUSED_TRUST_S = 10;

export function rendererHeartbeatAge(screen: ScreenReading | null, startedAt: Date, now: Date): CheckResult {
  const base = { componentType: 'component' as const, time: now.toISOString(), observedUnit: 's' };
  if (!screen) {
    const up = secondsBetween(now, startedAt);
    return { ...base, status: up > STARTUP_GRACE_S ? 'fail' : 'warn', observedValue: null, output: 'the kiosk screen has not reported yet' };
  }
  const age = Math.max(0, secondsBetween(now, screen.receivedAt));
  const status: HealthStatus = age < 3 ? 'pass' : age <= 10 ? 'warn' : 'fail';
  return { ...base, status, observedValue: round(age, 1), ...(status === 'pass' ? {} : { output: status === 'fail' ? 'the kiosk screen stopped reporting' : 'the kiosk screen reported late' }) };
}

export function cameraFrameAge(screen: ScreenReading | null, startedAt: Date, now: Date): CheckResult {
  const base = { componentType: 'component' as const, time: now.toISOString(), observedUnit: 's' };
  if (!screen) {
    const up = secondsBetween(now, startedAt);
    return { ...base, status: up > STARTUP_GRACE_S ? 'fail' : 'warn', observedValue: null, output: 'no camera report yet' };
  }
  const beatAge = Math.max(0, secondsBetween(now, screen.receivedAt));
  const fps = round(screen.fps, 1);
  if (screen.cameraState === 'error') return { ...base, status: 'fail', observedValue: null, fps, output: screen.error?.slice(0, 200) ?? 'the camera failed' };
  // Staff at the admin screen have the kiosk's camera: not a fault, but nobody is checked in by face
  // meanwhile. Only while the page still says so: a stale 'paused' is a page that went away.
  if (screen.cameraState === 'paused') {
    if (beatAge <= PAUSED_TRUST_S) return { ...base, status: 'warn', observedValue: null, fps, output: 'paused while the admin screen is open' };
    return { ...base, status: 'fail', observedValue: round(beatAge, 2), fps, output: `no report from the kiosk screen for ${Math.round(beatAge)} s (it last said the admin screen was open)` };
  }
  if (screen.cameraState === 'starting') {
    const up = secondsBetween(now, startedAt);
    return { ...base, status: up > STARTUP_GRACE_S ? 'fail' : 'warn', observedValue: null, fps, output: 'the camera is starting' };
  }
  // Older screens do not say how old their last frame was; 'stalled' means at least 3 s.
  const frameAge = beatAge + (screen.lastFrameAgeMs !== undefined ? screen.lastFrameAgeMs / 1000 : screen.cameraState === 'stalled' ? 3 : 0);
  const status: HealthStatus = frameAge > 10 ? 'fail' : frameAge >= 2 || screen.fps < MIN_FPS ? 'warn' : 'pass';
  const output = status === 'pass' ? undefined : frameAge >= 2 ? 'no camera frames' : `low frame rate (${fps} fps)`;
  return { ...base, status, observedValue: round(frameAge, 2), fps, ...(output ? { output } : {}) };
}

export interface RecognizerReading {
  /** p95 of detect + embed time over the last 5 minutes, ms; null with no samples yet. */
  p95Ms: number | null;
  /** When the screen first said its models were loading, for the start-up grace. */
  loadingSince: Date | null;
}

export function recognizerResponseTime(screen: ScreenReading | null, r: RecognizerReading, faceRecognition: boolean, startedAt: Date, now: Date): CheckResult {
  const base = { componentType: 'component' as const, time: now.toISOString(), observedUnit: 'ms' };
  if (!faceRecognition) return { ...base, status: 'pass', observedValue: null, modelLoaded: false, output: 'face recognition is switched off; card and PIN only' };
  if (!screen) {
    const up = secondsBetween(now, startedAt);
    return { ...base, status: up > STARTUP_GRACE_S ? 'fail' : 'warn', observedValue: null, modelLoaded: false, output: 'no report from the kiosk screen yet' };
  }
  if (screen.visionState === 'error') return { ...base, status: 'fail', observedValue: r.p95Ms, modelLoaded: false, output: screen.error?.slice(0, 200) ?? 'the face models failed' };
  if (screen.visionState === 'paused') {
    if (secondsBetween(now, screen.receivedAt) <= PAUSED_TRUST_S) return { ...base, status: 'warn', observedValue: r.p95Ms, modelLoaded: false, output: 'paused while the admin screen is open' };
    return { ...base, status: 'fail', observedValue: r.p95Ms, modelLoaded: false, output: 'no report from the kiosk screen (it last said the admin screen was open)' };
  }
  if (screen.visionState === 'loading') {
    const loading = secondsBetween(now, r.loadingSince ?? now);
    return { ...base, status: loading > 2 * STARTUP_GRACE_S ? 'fail' : 'warn', observedValue: null, modelLoaded: false, output: 'the face models are loading' };
  }
  const p95 = r.p95Ms === null ? null : round(r.p95Ms, 1);
  const status: HealthStatus = p95 !== null && p95 >= 500 ? 'warn' : 'pass';
  return { ...base, status, observedValue: p95, modelLoaded: true, ...(status === 'warn' ? { output: 'recognition is slow' } : {}) };
}

export interface DiskReading {
  freeBytes: number;
  totalBytes: number;
  dbBytes: number;
  newestBackupBytes: number;
  at: Date;
  /** The disk guard's view: whether writes fail, or its reserve file was released to keep them working. */
  guard?: { state: 'ok' | 'reserve_in_use' | 'full'; reason: string | null };
}

export function diskUtilization(d: DiskReading | null, now: Date): CheckResult {
  if (!d) return { componentType: 'system', status: 'warn', time: now.toISOString(), observedValue: null, output: 'disk space not measured yet' };
  const ratio = d.totalBytes > 0 ? d.freeBytes / d.totalBytes : 0;
  const bySpace: HealthStatus =
    ratio < 0.05 || d.freeBytes < 2 * d.dbBytes ? 'fail' : ratio <= 0.15 || d.freeBytes < 3 * (d.dbBytes + d.newestBackupBytes) ? 'warn' : 'pass';
  const guard = d.guard?.state ?? 'ok';
  const status = worst(bySpace, guard === 'full' ? 'fail' : guard === 'reserve_in_use' ? 'warn' : 'pass');
  const why = d.guard?.reason ? ` (${d.guard.reason.slice(0, 100)})` : '';
  const output =
    guard === 'full'
      ? `writes fail, the disk is full${why}`
      : guard === 'reserve_in_use'
        ? `the disk filled up and its reserve space was released so check-ins go on; free some space${why}`
        : bySpace === 'fail'
          ? 'the data disk is nearly full'
          : 'the data disk is filling up';
  return {
    componentType: 'system',
    status,
    time: d.at.toISOString(),
    observedValue: round(ratio, 3),
    observedUnit: 'ratio-free',
    freeBytes: d.freeBytes,
    ...(status === 'pass' ? {} : { output }),
  };
}

/** What the SMS sender reports about itself (the SMS service provides it). */
export interface SmsHealth {
  /** The last provider API call that succeeded (a send or a cheap authenticated GET). */
  lastSuccessAt: Date | null;
  consecutiveFailures: number;
  circuitOpen?: boolean;
  /** Created time of the oldest text not yet handed to the gateway. */
  oldestPendingAt: Date | null;
  pending: number;
  /** Short reason of the last failure, e.g. 'HTTP 503 from provider'. */
  lastError?: string;
}

export function smsGatewayReachability(s: SmsHealth, startedAt: Date, now: Date): CheckResult {
  const since = s.lastSuccessAt ? secondsBetween(now, s.lastSuccessAt) : null;
  const stale = since === null ? secondsBetween(now, startedAt) > 900 && s.consecutiveFailures > 0 : since > 900;
  // Never 'fail': the outbox keeps every text until the gateway is back.
  const status: HealthStatus = s.consecutiveFailures >= 3 || s.circuitOpen || stale ? 'warn' : 'pass';
  return {
    componentType: 'system',
    status,
    time: now.toISOString(),
    observedValue: since === null ? null : Math.round(since),
    observedUnit: 's-since-success',
    consecutiveFailures: s.consecutiveFailures,
    ...(status === 'warn' ? { output: `sms gateway degraded; messages are queued${s.lastError ? ` (${s.lastError.slice(0, 100)})` : ''}` } : {}),
  };
}

/** The outbox as the database holds it: texts not yet handed to the gateway. */
export interface OutboxReading {
  oldestPendingAt: Date | null;
  pending: number;
}

export function smsOutboxOldestPendingAge(s: OutboxReading, now: Date): CheckResult {
  const age = s.oldestPendingAt ? Math.max(0, secondsBetween(now, s.oldestPendingAt)) : 0;
  const status: HealthStatus = age >= 600 ? 'warn' : 'pass';
  return {
    componentType: 'component',
    status,
    time: now.toISOString(),
    observedValue: Math.round(age),
    observedUnit: 's',
    pending: s.pending,
    ...(status === 'warn' ? { output: 'texts are waiting to be sent' } : {}),
  };
}

/** What the backup service reports (the backup service provides it). */
export interface BackupHealth {
  newestVerifiedAt: Date | null;
  verifiedCount: number;
  /** How many the school keeps (backup retention). */
  keep: number;
  /** The oldest verified backup kept and the backup interval: with both, the count is judged by the kiosk's age. */
  oldestVerifiedAt?: Date | null;
  intervalMinutes?: number;
  newestBytes?: number;
  lastError?: string;
  /** The integrity_check of the newest backup copy, when it ran. */
  integrity?: IntegrityReading;
  /** Set after an automatic restore at startup: what time span may have been lost. */
  restoredFrom?: { backupAt: Date; lostSince: Date };
}

/** A new kiosk has no backup yet; the first hourly one is due within this time. */
const FIRST_BACKUP_GRACE_S = 4500;

export function backupAge(b: BackupHealth, startedAt: Date, now: Date): CheckResult {
  const base = { componentType: 'component' as const, time: now.toISOString(), observedUnit: 's' };
  if (!b.newestVerifiedAt) {
    const young = secondsBetween(now, startedAt) < FIRST_BACKUP_GRACE_S;
    return { ...base, status: young ? 'warn' : 'fail', observedValue: null, output: b.lastError ? `no verified backup (${b.lastError.slice(0, 100)})` : 'no verified backup yet' };
  }
  const age = Math.max(0, secondsBetween(now, b.newestVerifiedAt));
  const status: HealthStatus = age < 4500 ? 'pass' : age <= 6 * 3600 ? 'warn' : 'fail';
  return {
    ...base,
    status,
    observedValue: Math.round(age),
    ...(status === 'pass' ? {} : { output: `the newest verified backup is ${Math.round(age / 60)} minutes old${b.lastError ? ` (${b.lastError.slice(0, 100)})` : ''}` }),
  };
}

/**
 * How many verified backups a kiosk of this age should hold: one per interval since its oldest backup,
 * up to the number kept. A fresh install does not have 24 hourly backups on its first day, and that is
 * no fault; fewer than it could have made is.
 */
export function expectedBackupCount(b: BackupHealth, now: Date): number {
  if (!b.oldestVerifiedAt || !b.intervalMinutes) return b.keep;
  const intervals = Math.floor(Math.max(0, secondsBetween(now, b.oldestVerifiedAt)) / (b.intervalMinutes * 60));
  return Math.max(1, Math.min(b.keep, intervals));
}

export function backupCount(b: BackupHealth, now: Date): CheckResult {
  const expected = expectedBackupCount(b, now);
  const status: HealthStatus = b.verifiedCount === 0 ? 'fail' : b.verifiedCount < expected ? 'warn' : 'pass';
  return {
    componentType: 'component',
    status,
    time: now.toISOString(),
    observedValue: b.verifiedCount,
    keep: b.keep,
    expected,
    ...(status === 'warn' ? { output: `${b.verifiedCount} verified backups where ${expected} were expected` } : {}),
  };
}

export interface ClockJump {
  at: Date;
  /** Wall-clock step against the monotonic clock, seconds; positive is forward. */
  seconds: number;
}

/** Jumps are remembered this long in health. */
export const CLOCK_JUMP_MEMORY_S = 3600;

export function clockOffset(jumps: readonly ClockJump[], now: Date): CheckResult {
  const recent = jumps.filter((j) => secondsBetween(now, j.at) <= CLOCK_JUMP_MEMORY_S);
  const biggest = recent.reduce<ClockJump | null>((a, j) => (!a || Math.abs(j.seconds) > Math.abs(a.seconds) ? j : a), null);
  const size = biggest ? Math.abs(biggest.seconds) : 0;
  const status: HealthStatus = size > 300 ? 'fail' : size >= 2 ? 'warn' : 'pass';
  return {
    componentType: 'system',
    status,
    time: now.toISOString(),
    observedValue: biggest ? round(biggest.seconds, 1) : 0,
    observedUnit: 's',
    jumpsLastHour: recent.length,
    ...(biggest ? { output: `the clock stepped ${biggest.seconds > 0 ? 'forward' : 'back'} ${Math.round(size)} s at ${biggest.at.toISOString()}` } : {}),
  };
}

export function eventLoopLag(p99Seconds: number, now: Date): CheckResult {
  const status: HealthStatus = p99Seconds >= 2 ? 'fail' : p99Seconds >= 0.2 ? 'warn' : 'pass';
  return { componentType: 'system', status, time: now.toISOString(), observedValue: round(p99Seconds, 4), observedUnit: 's', ...(status === 'pass' ? {} : { output: 'the main process is stalling' }) };
}

/** The watchdog's view (the policy provides it). */
export interface WatchdogHealth {
  restartsLastHour: number;
  outOfOrder: boolean;
  /** The last action and its reason, for IT. */
  lastAction?: { action: string; reason: string; at: Date };
}

export function rendererRestarts(w: WatchdogHealth, now: Date): CheckResult {
  const status: HealthStatus = w.restartsLastHour >= 3 ? 'fail' : w.restartsLastHour >= 1 ? 'warn' : 'pass';
  return {
    componentType: 'component',
    status,
    time: now.toISOString(),
    observedValue: w.restartsLastHour,
    ...(w.lastAction ? { lastAction: w.lastAction.action, lastReason: w.lastAction.reason, lastActionAt: w.lastAction.at.toISOString() } : {}),
  };
}

export function watchdogState(w: WatchdogHealth, now: Date): CheckResult {
  return {
    componentType: 'component',
    status: w.outOfOrder ? 'fail' : 'pass',
    time: now.toISOString(),
    observedValue: w.outOfOrder ? 'out-of-order' : 'in-service',
    ...(w.outOfOrder ? { output: 'the kiosk screen kept failing; it shows "out of order, please see the office"' } : {}),
  };
}
