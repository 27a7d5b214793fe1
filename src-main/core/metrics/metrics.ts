// The kiosk's Prometheus metrics: one registry per core (never prom-client's global one, so two cores
// in one process, as in tests, never mix their numbers). Services record through the typed methods;
// every label value comes from a closed list, so no student, guardian or phone number can become a label.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export type CheckInMethod = 'face' | 'qr' | 'pin' | 'manual';
export type CheckInResultLabel =
  | 'recorded'
  | 'already_recorded'
  | 'not_recognised'
  | 'needs_second_factor'
  | 'unknown_card'
  | 'wrong_pin'
  | 'pin_locked'
  | 'closed'
  | 'error';
/** The outbox's states (sms_outbox.state). */
export type SmsStateLabel = 'queued' | 'sending' | 'accepted' | 'sent' | 'delivered' | 'failed' | 'expired';
export type RateLimitWindow = '60s' | '3600s' | 'gateway';
/**
 * Why a text ended `failed`, as a closed list (the gateway's own reason text can quote a number):
 * the number is unusable, the provider refused the text for good, or the phone reported it undelivered.
 */
export type SmsFailureReason = 'invalid_number' | 'refused' | 'undelivered';
export type WebhookResult =
  | 'accepted'
  | 'duplicate'
  | 'ignored'
  | 'bad_signature'
  | 'stale'
  | 'bad_request'
  | 'too_large'
  | 'not_configured'
  | 'error';
export type BackupResult = 'ok' | 'integrity_failed' | 'io_error' | 'disk_full';
export type WatchdogActionLabel = 'reload' | 'reopen-camera' | 'recreate-window' | 'relaunch-app' | 'out-of-order';
export type WatchdogReasonLabel = 'heartbeat-timeout' | 'camera-stalled' | 'unresponsive' | 'crashed' | 'oom' | 'killed' | 'load-failed';

/** What the outbox holds now, read at scrape time (sms/outbox-metrics.ts). */
export interface SmsOutboxSource {
  /** Every state, zero included. */
  byState(): Record<SmsStateLabel, number>;
  oldestPendingSeconds(): number | null;
  /** 0..1, null when no text created in the last 24 h has ended yet. */
  deliveryRatio24h(): number | null;
}

/** Histogram buckets for recognition, in seconds (reliability.md 2.3). */
const RECOGNITION_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export function createMetrics(opts: { version?: string; defaultMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 20 });

  const buildInfo = new Gauge({ name: 'rollcall_build_info', help: 'Always 1; labels say what runs', labelNames: ['version', 'node'], registers: [registry] });
  buildInfo.set({ version: opts.version ?? 'dev', node: process.versions.node }, 1);

  const checkIns = new Counter({
    name: 'rollcall_check_ins_total',
    help: 'Answers the kiosk gave, by method and result',
    labelNames: ['method', 'result'],
    registers: [registry],
  });
  const recognition = new Histogram({
    name: 'rollcall_recognition_duration_seconds',
    help: 'Time the core took to match one face and answer',
    buckets: RECOGNITION_BUCKETS,
    registers: [registry],
  });
  const unknownFaces = new Counter({ name: 'rollcall_unknown_faces_total', help: 'Faces that matched no enrolled student', registers: [registry] });
  const smsTransitions = new Counter({
    name: 'rollcall_sms_transitions_total',
    help: 'Text messages reaching each state',
    labelNames: ['state'],
    registers: [registry],
  });
  // Read from the database (readSmsFrom) at each scrape and export, so they are the outbox as it is,
  // not as some earlier sample saw it.
  let smsSource: SmsOutboxSource | null = null;
  // A read that fails (disk error) keeps the last values rather than failing the whole scrape.
  const fromSource = <T>(read: (s: SmsOutboxSource) => T): T | undefined => {
    try {
      return smsSource ? read(smsSource) : undefined;
    } catch {
      return undefined;
    }
  };
  new Gauge({
    name: 'rollcall_sms_outbox_messages',
    help: 'Text messages in the outbox by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const counts = fromSource((s) => s.byState());
      if (!counts) return;
      this.reset();
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'rollcall_sms_outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest unsent text',
    registers: [registry],
    collect() {
      const age = fromSource((s) => s.oldestPendingSeconds() ?? 0);
      if (age !== undefined) this.set(age);
    },
  });
  const smsDeliveryRatio = new Gauge({
    name: 'rollcall_sms_delivery_ratio',
    help: 'Of the texts created in the last 24 h that reached an end state, the share delivered or sent (NaN when none did)',
    registers: [registry],
    collect() {
      const ratio = fromSource((s) => s.deliveryRatio24h() ?? NaN);
      if (ratio !== undefined) this.set(ratio);
    },
  });
  smsDeliveryRatio.set(NaN);
  const smsFailures = new Counter({ name: 'rollcall_sms_failures_total', help: 'Texts that ended failed, by reason', labelNames: ['reason'], registers: [registry] });
  const rateLimitWaits = new Counter({
    name: 'rollcall_sms_rate_limit_waits_total',
    help: 'Times sending waited for a rate limit',
    labelNames: ['window'],
    registers: [registry],
  });
  const webhookEvents = new Counter({
    name: 'rollcall_webhook_events_total',
    help: 'Delivery-report webhook requests by result',
    labelNames: ['result'],
    registers: [registry],
  });
  const backups = new Counter({ name: 'rollcall_backup_runs_total', help: 'Backup cycles by result', labelNames: ['result'], registers: [registry] });
  const backupDuration = new Gauge({ name: 'rollcall_backup_duration_seconds', help: 'Duration of the last backup cycle', registers: [registry] });
  const backupLastSuccess = new Gauge({ name: 'rollcall_backup_last_success_timestamp_seconds', help: 'When the newest verified backup was made', registers: [registry] });
  const backupsVerified = new Gauge({ name: 'rollcall_backups_verified', help: 'Verified backups on disk', registers: [registry] });
  const watchdogActions = new Counter({
    name: 'rollcall_watchdog_actions_total',
    help: 'Recovery actions the watchdog took, by action and reason',
    labelNames: ['action', 'reason'],
    registers: [registry],
  });
  const clockJumps = new Counter({ name: 'rollcall_clock_jumps_total', help: 'Wall-clock steps seen against the monotonic clock', labelNames: ['direction'], registers: [registry] });
  const heartbeatAge = new Gauge({ name: 'rollcall_renderer_heartbeat_age_seconds', help: 'Time since the kiosk screen last reported', registers: [registry] });
  const cameraFps = new Gauge({ name: 'rollcall_camera_fps', help: 'Camera frames processed per second, as the screen last reported', registers: [registry] });
  const eventLoopLag = new Gauge({ name: 'rollcall_event_loop_lag_p99_seconds', help: 'p99 event-loop delay over the last health period', registers: [registry] });
  const diskFree = new Gauge({ name: 'rollcall_disk_free_bytes', help: 'Free bytes on the data volume', registers: [registry] });
  const diskFreeRatio = new Gauge({ name: 'rollcall_disk_free_ratio', help: 'Free share of the data volume', registers: [registry] });
  const dbWrite = new Gauge({ name: 'rollcall_db_write_probe_seconds', help: 'Duration of the last health write transaction', registers: [registry] });
  const jobRuns = new Counter({ name: 'rollcall_daily_job_runs_total', help: 'Daily job runs by job and result', labelNames: ['job', 'result'], registers: [registry] });
  const dailyNotices = new Counter({ name: 'rollcall_daily_notices_total', help: 'Students reported by the daily notices, by kind (absence, no_checkout)', labelNames: ['kind'], registers: [registry] });
  const logDropped = new Counter({ name: 'rollcall_log_lines_dropped_total', help: 'Log lines not written because the log file could not be written (full disk)', registers: [registry] });
  let logDroppedSeen = 0;

  return {
    registry,
    contentType: registry.contentType,
    /** Prometheus text format 0.0.4. */
    text: () => registry.metrics(),
    checkIn(method: CheckInMethod, result: CheckInResultLabel): void {
      checkIns.inc({ method, result });
      if (method === 'face' && result === 'not_recognised') unknownFaces.inc();
    },
    recognitionSeconds(seconds: number): void {
      recognition.observe(seconds);
    },
    smsReached(state: SmsStateLabel): void {
      smsTransitions.inc({ state });
    },
    smsFailed(reason: SmsFailureReason): void {
      smsFailures.inc({ reason });
    },
    /** From now on the outbox gauges and the delivery ratio are read from `source` at every scrape. */
    readSmsFrom(source: SmsOutboxSource): void {
      smsSource = source;
    },
    rateLimitWait(window: RateLimitWindow): void {
      rateLimitWaits.inc({ window });
    },
    webhookEvent(result: WebhookResult): void {
      webhookEvents.inc({ result });
    },
    backupRun(result: BackupResult, seconds?: number): void {
      backups.inc({ result });
      if (seconds !== undefined) backupDuration.set(seconds);
    },
    backupState(newestVerifiedAt: Date | null, verifiedCount: number): void {
      backupLastSuccess.set(newestVerifiedAt ? newestVerifiedAt.getTime() / 1000 : 0);
      backupsVerified.set(verifiedCount);
    },
    watchdogAction(action: WatchdogActionLabel, reason: WatchdogReasonLabel): void {
      watchdogActions.inc({ action, reason });
    },
    clockJump(direction: 'forward' | 'backward'): void {
      clockJumps.inc({ direction });
    },
    renderer(ageSeconds: number | null, fps: number | null): void {
      heartbeatAge.set(ageSeconds ?? -1);
      cameraFps.set(fps ?? 0);
    },
    eventLoopLag(seconds: number): void {
      eventLoopLag.set(seconds);
    },
    disk(freeBytes: number, freeRatio: number): void {
      diskFree.set(freeBytes);
      diskFreeRatio.set(freeRatio);
    },
    dbWriteProbe(seconds: number): void {
      dbWrite.set(seconds);
    },
    dailyJob(job: string, result: 'ok' | 'failed' | 'skipped'): void {
      jobRuns.inc({ job, result });
    },
    dailyNotices(kind: 'absence' | 'no_checkout', students: number): void {
      dailyNotices.inc({ kind }, students);
    },
    /** The file logger's running total; the counter moves by what is new since the last reading. */
    logLinesDropped(total: number): void {
      if (total > logDroppedSeen) logDropped.inc(total - logDroppedSeen);
      logDroppedSeen = Math.max(logDroppedSeen, total);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
