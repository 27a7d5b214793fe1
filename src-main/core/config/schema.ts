// The configuration file's shape. `config/default.json` holds the defaults; a school's file overrides
// any subset of keys. Everything is validated here once; the rest of the core trusts the result.
import { z } from 'zod';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time HH:MM (24-hour), e.g. "07:30"');

const window = z.tuple([hhmm, hhmm]);

export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

function isIanaZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return tz.includes('/') || tz === 'UTC';
  } catch {
    return false;
  }
}

function isLocale(tag: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([tag]).length > 0;
  } catch {
    return false;
  }
}

/** Languages the kiosk and the parents' texts can speak; each has a dictionary in the renderer. */
export const languages = ['en', 'es'] as const;

const isoDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date YYYY-MM-DD, e.g. "2026-12-24"');

/** A day off ("2026-12-24") or a run of days off, both ends included; a single date is read as a one-day run. */
export const holidaySchema = z.preprocess(
  (h) => (typeof h === 'string' ? { from: h, to: h } : h),
  z
    .object({ from: isoDate, to: isoDate, name: z.string().max(80).optional() })
    .refine((h) => h.from <= h.to, { message: 'the first day must not be after the last day', path: ['to'] }),
);
export type Holiday = z.infer<typeof holidaySchema>;

export const sessionSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be a short lower-case name, e.g. "morning"'),
  start: hhmm,
  end: hhmm,
  checkIn: window,
  checkOut: window,
  lateAfterMinutes: z.number().int().min(0, 'cannot be negative').max(600),
});

export const configSchema = z
  .object({
    school: z.object({
      name: z.string().trim().min(1).max(80),
      timezone: z.string().refine(isIanaZone, 'must be an IANA time zone, e.g. "Europe/London"'),
      country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code, e.g. "GB"'),
      locale: z.string().refine(isLocale, 'must be a BCP 47 locale, e.g. "en-GB"'),
      /** What the kiosk screen speaks. */
      language: z.enum(languages, 'must be one of: en, es').default('en'),
    }),
    schedule: z.object({
      sessions: z.array(sessionSchema).min(1, 'needs at least one session'),
      cooldownMinutes: z.number().int().min(0, 'cannot be negative').max(240),
      schoolDays: z.array(z.enum(weekdays)).min(1),
      /** Days with no school although they are school days of the week: check-in is closed. */
      holidays: z.array(holidaySchema).max(400).default([]),
    }),
    recognition: z.object({
      modelId: z.string().min(1),
      acceptThreshold: z.number().min(-1).max(1),
      unknownThreshold: z.number().min(-1).max(1),
      margin: z.number().min(0).max(1),
      agreeFrames: z.number().int().min(1).max(16),
      detector: z.enum(['short', 'full']),
      /** The kiosk's quality gate; light and sharpness are measured on the aligned face crop. */
      quality: z.object({
        minEyeDistancePx: z.number().min(8).max(400),
        maxCentreOffset: z.number().min(0).max(0.5),
        maxYawDeg: z.number().min(0).max(90),
        maxRollDeg: z.number().min(0).max(90),
        minSharpness: z.number().min(0),
        minBrightness: z.number().min(0).max(255),
        maxBrightness: z.number().min(0).max(255),
        maxContrast: z.number().min(0).max(255),
        maxDarkShare: z.number().min(0).max(1),
      }),
    }),
    kiosk: z.object({
      faceRecognition: z.boolean(),
      pinAttempts: z.number().int().min(1).max(20),
      pinLockMinutes: z.number().int().min(1).max(1440),
    }),
    sms: z.object({
      provider: z.enum(['android-gateway-local', 'log']),
      androidGateway: z.object({
        url: z.string().url().or(z.literal('')),
        username: z.string(),
        password: z.string(),
        ttlSeconds: z.number().int().min(5).max(86_400),
        withDeliveryReport: z.boolean(),
        timeoutMs: z.number().int().min(500).max(60_000),
      }),
      templates: z.object({ check_in: z.string().min(1).max(640), check_out: z.string().min(1).max(640) }),
      /** The language of the texts to parents; changing it swaps the built-in wording (see sms/wording.ts). */
      language: z.enum(languages, 'must be one of: en, es').default('en'),
    }),
    /** Face-enrolment consent: the notice text version families sign, and whether the student must agree too. */
    consent: z
      .object({
        noticeVersion: z.string().trim().min(1).max(40),
        requireStudentConsent: z.boolean(),
      })
      .default({ noticeVersion: '1', requireStudentConsent: false }),
    health: z.object({ port: z.number().int().min(0).max(65535), host: z.string() }),
    webhook: z.object({ port: z.number().int().min(0).max(65535), host: z.string() }),
    admin: z
      .object({
        idleMinutes: z.number().int().min(1, 'must be at least 1 minute').max(60, 'must be at most 60 minutes').default(5),
        maxAttempts: z.number().int().min(3).max(10).default(5),
        lockMinutes: z.number().int().min(1).max(60).default(1),
        maxLockMinutes: z.number().int().min(1).max(1440).default(60),
      })
      .default({ idleMinutes: 5, maxAttempts: 5, lockMinutes: 1, maxLockMinutes: 60 }),
  })
  .superRefine((cfg, ctx) => {
    const seconds = (t: string) => {
      const [h, m, s] = t.split(':').map(Number);
      return h! * 3600 + m! * 60 + (s ?? 0);
    };
    const before = (path: (string | number)[], a: string, b: string, what: string) => {
      if (seconds(a) >= seconds(b)) ctx.addIssue({ code: 'custom', path, message: `${what}: ${a} must be before ${b}` });
    };
    const names = new Set<string>();
    cfg.schedule.sessions.forEach((s, i) => {
      const p = ['schedule', 'sessions', i];
      if (names.has(s.name)) ctx.addIssue({ code: 'custom', path: [...p, 'name'], message: `duplicate session "${s.name}"` });
      names.add(s.name);
      before([...p, 'start'], s.start, s.end, 'start');
      before([...p, 'checkIn'], s.checkIn[0], s.checkIn[1], 'check-in window');
      before([...p, 'checkOut'], s.checkOut[0], s.checkOut[1], 'check-out window');
      before([...p, 'checkOut'], s.checkIn[0], s.checkOut[0], 'check-in window must open before check-out window');
    });
    if (cfg.recognition.unknownThreshold > cfg.recognition.acceptThreshold) {
      ctx.addIssue({
        code: 'custom',
        path: ['recognition', 'unknownThreshold'],
        message: 'must not be above recognition.acceptThreshold',
      });
    }
    if (cfg.sms.provider === 'android-gateway-local' && !cfg.sms.androidGateway.url) {
      ctx.addIssue({ code: 'custom', path: ['sms', 'androidGateway', 'url'], message: 'is required for provider android-gateway-local' });
    }
  });

export type Config = z.infer<typeof configSchema>;
export type SessionConfig = z.infer<typeof sessionSchema>;
