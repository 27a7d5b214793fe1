// What the admin screen asks about texts: the delivery log, template previews, capacity with remedies
// and provider settings (secrets masked), and a test text. Office staff see the log and previews; the
// provider, capacity and test text are IT's.
import { z } from 'zod';

export const smsTypeName = z.enum(['check_in', 'check_out', 'late_arrival', 'absence', 'no_checkout']);

const deliveryLogEntry = z.object({
  outboxId: z.number().int(),
  messageId: z.string(),
  type: z.string(),
  state: z.string(),
  studentName: z.string().nullable(),
  guardianName: z.string().nullable(),
  phoneMasked: z.string(),
  attempts: z.number().int(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  reason: z.string().nullable(),
  numberFlagged: z.boolean(),
  events: z.array(z.object({ state: z.string(), occurredAt: z.string(), reason: z.string().nullable() })),
});
export type DeliveryLogEntry = z.infer<typeof deliveryLogEntry>;

export const smsPreview = z.object({
  characters: z.number().int(),
  encoding: z.enum(['GSM-7', 'UCS-2']),
  units: z.number().int(),
  segments: z.number().int(),
  ucs2Characters: z.array(z.string()),
  warnings: z.array(z.string()),
});

const templatePreview = z.object({
  type: smsTypeName,
  ok: z.boolean(),
  error: z.string().nullable(),
  template: z.string(),
  text: z.string(),
  preview: smsPreview,
});
export type TemplatePreviewResult = z.infer<typeof templatePreview>;

const capacityReport = z.object({
  status: z.enum(['ok', 'warn']),
  queued: z.number().int(),
  wouldExpire: z.number().int(),
  drainMinutes: z.number(),
  neededPerHour: z.number(),
  morningFits: z.boolean().nullable(),
  warnings: z.array(z.string()),
  remedies: z.array(z.string()),
});

const smsStatus = z.object({
  health: z.object({
    status: z.enum(['pass', 'warn']),
    provider: z.string(),
    byState: z.record(z.string(), z.number()),
    oldestQueuedSeconds: z.number(),
    sentLastMinute: z.number().int(),
    sentLastHour: z.number().int(),
    limits: z.object({ perMinute: z.number().int(), perHour: z.number().int() }),
    deliveryRatePercent: z.number().nullable(),
    failuresByReason: z.record(z.string(), z.number()),
    flaggedNumbers: z.number().int(),
    quietHoursUntil: z.string().nullable(),
    capacity: capacityReport,
    warnings: z.array(z.string()),
  }),
  /** Provider settings as shown to IT: passwords and tokens masked. */
  provider: z.record(z.string(), z.string()),
});
export type SmsStatus = z.infer<typeof smsStatus>;

export const smsChannels = {
  'sms:delivery-log': {
    request: z.object({
      guardianId: z.number().int().positive().optional(),
      outboxId: z.number().int().positive().optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }).strict(),
    response: z.array(deliveryLogEntry),
    role: 'office',
  },
  'sms:template-preview': {
    request: z.object({
      type: smsTypeName,
      template: z.string().min(1).max(640).optional(),
      studentName: z.string().trim().min(1).max(80).optional(),
    }).strict(),
    response: templatePreview,
    role: 'office',
  },
  'sms:status': { request: z.object({}).strict(), response: smsStatus, role: 'it' },
  'sms:send-test': {
    request: z.object({ phone: z.string().trim().min(3).max(32) }).strict(),
    response: z.discriminatedUnion('ok', [
      z.object({ ok: z.literal(true), outboxId: z.number().int() }),
      z.object({ ok: z.literal(false), reason: z.string() }),
    ]),
    role: 'it',
  },
} as const;
