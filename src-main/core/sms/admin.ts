// The admin screen's view of texts: the delivery log per guardian and per message, template preview,
// capacity with remedies, provider settings with secrets masked, and a test text. Plain functions the
// contract handlers call; the host has already checked the admin's role.
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import { normaliseMobile } from '../people/phone.js';
import type { Clock } from '../time/clock.js';
import { smsHealth, type SmsHealth } from './health.js';
import { smsTypes, testTtlMinutes, type SmsType } from './message-types.js';
import { enqueueSms } from './outbox.js';
import type { RateLimiter } from './rate-limit.js';
import { previewSms, type SmsPreview } from './sms-length.js';
import { formatSchoolDate, formatSchoolTime, renderTemplate, unknownPlaceholders } from './templates.js';

export interface DeliveryLogEntry {
  outboxId: number;
  messageId: string;
  type: string;
  state: string;
  studentName: string | null;
  guardianName: string | null;
  phoneMasked: string;
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  deliveredAt: string | null;
  reason: string | null;
  numberFlagged: boolean;
  events: Array<{ state: string; occurredAt: string; reason: string | null }>;
}

export interface TemplatePreview {
  type: SmsType;
  ok: boolean;
  /** The template's problem, when it cannot be saved. */
  error: string | null;
  /** The template previewed (the saved one unless another was given). */
  template: string;
  text: string;
  preview: SmsPreview;
}

/** "+44 ••• ••3456": enough for the office to recognise a number, not to copy it off the screen. */
export function maskPhone(e164: string): string {
  return e164.length <= 6 ? '•••' : `${e164.slice(0, 3)} ••• ••${e164.slice(-4)}`;
}

/** Secrets shown as set or not, and identifiers shortened. */
export function maskSecret(value: string): string {
  if (!value) return '(not set)';
  return value.length <= 8 ? '••••••••' : `${value.slice(0, 4)}••••${value.slice(-4)}`;
}

export function createSmsAdmin(deps: {
  db: Db;
  clock: Clock;
  config: () => Config;
  providerName: string;
  rateLimiter?: RateLimiter;
  onQueued?: () => void;
}) {
  const { db, clock } = deps;

  function deliveryLog(filter: { guardianId?: number; outboxId?: number; limit?: number }): DeliveryLogEntry[] {
    const where: string[] = [];
    const args: Record<string, unknown> = { limit: filter.limit ?? 100 };
    if (filter.guardianId !== undefined) {
      where.push('o.guardian_id = @guardianId');
      args.guardianId = filter.guardianId;
    }
    if (filter.outboxId !== undefined) {
      where.push('o.id = @outboxId');
      args.outboxId = filter.outboxId;
    }
    const rows = db
      .prepare(
        `SELECT o.id, o.message_id, o.type, o.state, o.phone_e164, o.attempts, o.created_at, o.sent_at, o.delivered_at, o.last_error,
                s.first_name || ' ' || s.last_name AS student_name, g.name AS guardian_name,
                (SELECT 1 FROM guardian_phone_flags f WHERE f.phone_e164 = o.phone_e164) AS flagged
           FROM sms_outbox o LEFT JOIN students s ON s.id = o.student_id LEFT JOIN guardians g ON g.id = o.guardian_id
          ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
          ORDER BY o.id DESC LIMIT @limit`,
      )
      .all(args) as Array<Record<string, string | number | null>>;
    const events = db.prepare(`SELECT state, occurred_at AS occurredAt, reason FROM sms_delivery_events WHERE outbox_id = ? ORDER BY id`);
    return rows.map((r) => ({
      outboxId: r.id as number,
      messageId: r.message_id as string,
      type: r.type as string,
      state: r.state as string,
      studentName: r.student_name as string | null,
      guardianName: r.guardian_name as string | null,
      phoneMasked: maskPhone(r.phone_e164 as string),
      attempts: r.attempts as number,
      createdAt: r.created_at as string,
      sentAt: r.sent_at as string | null,
      deliveredAt: r.delivered_at as string | null,
      reason: r.last_error as string | null,
      numberFlagged: r.flagged === 1,
      events: events.all(r.id) as DeliveryLogEntry['events'],
    }));
  }

  /** Renders `template` (or the saved one) for a sample student, as the parent would receive it. */
  function templatePreview(req: { type: SmsType; template?: string; studentName?: string }): TemplatePreview {
    const cfg = deps.config();
    const template = req.template ?? cfg.sms.templates[req.type];
    const name = (req.studentName ?? 'Zoë Núñez').normalize('NFC');
    const unknown = unknownPlaceholders(template);
    const now = clock.now();
    const vars = {
      student_name: name,
      first_name: name.split(' ')[0] ?? name,
      time: formatSchoolTime(now, cfg.school.timezone, cfg.school.locale),
      date: formatSchoolDate(now, cfg.school.timezone, cfg.school.locale),
      school_name: cfg.school.name,
      minutes_late: '12',
      session: cfg.schedule.sessions[0]!.name,
    };
    const text = unknown.length > 0 ? template : renderTemplate(template, vars);
    return {
      type: req.type,
      ok: unknown.length === 0,
      error: unknown.length > 0 ? `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}` : null,
      template,
      text,
      preview: previewSms(text),
    };
  }

  function capacityStatus(): { health: SmsHealth; provider: Record<string, string> } {
    const cfg = deps.config();
    const health = smsHealth(db, clock, cfg, deps.rateLimiter ? { rateLimiter: deps.rateLimiter } : {});
    const gw = cfg.sms.androidGateway;
    const tw = cfg.sms.twilio;
    const provider: Record<string, string> = { provider: deps.providerName };
    if (cfg.sms.provider.startsWith('android-gateway')) {
      Object.assign(provider, { url: gw.url, username: gw.username, password: maskSecret(gw.password), webhookSigningKey: maskSecret(gw.webhookSigningKey), deviceId: gw.deviceId || '(any)', simNumber: gw.simNumber ? String(gw.simNumber) : '(phone decides)' });
    }
    if (cfg.sms.provider === 'twilio') {
      Object.assign(provider, { accountSid: maskSecret(tw.accountSid), authToken: maskSecret(tw.authToken), from: tw.from, statusCallbackUrl: tw.statusCallbackUrl });
    }
    return { health, provider };
  }

  /** Queues a test text to `phone` through the outbox, so it obeys the limits like any other. */
  function sendTest(req: { phone: string }): { ok: true; outboxId: number } | { ok: false; reason: string } {
    const cfg = deps.config();
    const phone = normaliseMobile(req.phone, cfg.school.country);
    if (!phone.ok) return { ok: false, reason: phone.reason };
    const now = clock.now();
    const body = `Test text from Rollcall at ${cfg.school.name}, ${formatSchoolTime(now, cfg.school.timezone, cfg.school.locale)}. No reply needed.`.normalize('NFC');
    const key = `test:${now.toISOString()}:${phone.e164}`;
    enqueueSms(db, { idempotencyKey: key, type: 'test', studentId: null, guardianId: null, attendanceId: null, phoneE164: phone.e164, body, now, ttlSeconds: testTtlMinutes * 60 });
    deps.onQueued?.();
    const id = db.prepare('SELECT id FROM sms_outbox WHERE idempotency_key = ?').pluck().get(key) as number;
    return { ok: true, outboxId: id };
  }

  return { deliveryLog, templatePreview, capacityStatus, sendTest, templateTypes: smsTypes };
}

export type SmsAdmin = ReturnType<typeof createSmsAdmin>;
