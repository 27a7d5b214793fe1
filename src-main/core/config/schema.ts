// The configuration file's shape. `config/default.json` holds the defaults; a school's file overrides
// any subset of keys. Everything is validated here once; the rest of the core trusts the result.
import { z } from 'zod';
import { isSupportedCountry } from 'libphonenumber-js';
import { smsTypes, templatePlaceholders } from '../sms/message-types.js';
import { unknownPlaceholders } from '../sms/templates.js';
import { regionCodes, regionRules } from '../privacy/regions.js';
import { firstCheckInClose, lastCheckOutClose } from '../daily-notices/notice-times.js';

const hhmm = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/, 'must be a time HH:MM (24-hour), e.g. "07:30"');

const window = z.tuple([hhmm, hhmm]);

/** A daily job's time: minutes only, the resolution the job scheduler works in. */
const jobTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24-hour), e.g. "07:45"');

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
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { message: 'must be a date YYYY-MM-DD, e.g. "2026-12-24"', abort: true })
  // The pattern lets 2026-02-30 through; the calendar does not, so a holiday cannot fall on no day.
  .refine((d) => new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
    error: (iss) => `${String(iss.input)} is not a day of the calendar (check the day of the month)`,
  });

/** A day off ("2026-12-24") or a run of days off, both ends included; a single date is read as a one-day run. */
export const holidaySchema = z.preprocess(
  (h) => (typeof h === 'string' ? { from: h, to: h } : h),
  z
    .strictObject({ from: isoDate, to: isoDate, name: z.string().max(80).optional() })
    .refine((h) => h.from <= h.to, { message: 'the first day must not be after the last day', path: ['to'] }),
);
export type Holiday = z.infer<typeof holidaySchema>;

export const sessionSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9_-]{0,31}$/, 'must be a short lower-case name, e.g. "morning"'),
  start: hhmm,
  end: hhmm,
  checkIn: window,
  checkOut: window,
  lateAfterMinutes: z.number().int().min(0, 'cannot be negative').max(600),
});

/** Biometric data of children: what may be kept, for how long, and what the school's law demands. */
export const privacySchema = z.strictObject({
  region: z.enum(regionCodes),
  /** The school's data protection impact assessment, required before face mode where the region expects one. */
  dpia: z.strictObject({ reference: z.string().trim().min(1).max(120), date: isoDate }).nullable(),
  /** Templates nobody has matched for this long are deleted (BIPA's cap is 3 years after the last interaction). */
  templateUnusedDays: z.number().int().min(1).max(1095, 'cannot exceed 1095 days (3 years)'),
  /** null: enrolment photos are never kept, only the templates made from them. */
  keepEnrolmentPhotosDays: z.number().int().min(1).max(365).nullable(),
  evidencePhotos: z.strictObject({ enabled: z.boolean(), keepDays: z.number().int().min(1).max(30) }),
});

export const configSchema = z
  .strictObject({
    school: z.strictObject({
      name: z.string().trim().min(1).max(80),
      timezone: z.string().refine(isIanaZone, 'must be an IANA time zone, e.g. "Europe/London"'),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, 'must be an ISO 3166 country code, e.g. "GB"')
        // Guardian phone numbers are read in this country's numbering plan; libphonenumber-js knows which exist.
        .refine((c) => isSupportedCountry(c), 'is not a country with a phone numbering plan (ISO 3166 code, e.g. "GB")'),
      locale: z.string().refine(isLocale, 'must be a BCP 47 locale, e.g. "en-GB"'),
      /** What the kiosk screen speaks. */
      language: z.enum(languages, 'must be one of: en, es').default('en'),
    }),
    schedule: z.strictObject({
      sessions: z.array(sessionSchema).min(1, 'needs at least one session'),
      cooldownMinutes: z.number().int().min(0, 'cannot be negative').max(240),
      schoolDays: z.array(z.enum(weekdays)).min(1),
      /** Days with no school although they are school days of the week: check-in is closed. */
      holidays: z.array(holidaySchema).max(400).default([]),
      /** Texts to guardians of students with no arrival, once a school day after check-in closes. */
      absenceReport: z
        .strictObject({
          enabled: z.boolean(),
          /** School-local; null: one minute after the first session's check-in window closes. */
          at: jobTime.nullable(),
          /** No texts when more of the students than this would be reported: the kiosk was likely not recording. */
          holdAbovePercent: z.number().int().min(1).max(100),
        })
        .default({ enabled: true, at: null, holdAbovePercent: 50 }),
      /** Texts to guardians of students who checked in and never checked out, once a school day. */
      noCheckoutNotice: z
        .strictObject({
          enabled: z.boolean(),
          /** School-local; null: one minute after the last session's check-out window closes. */
          at: jobTime.nullable(),
          /** No texts when more of the students who came than this never checked out: check-out is not being recorded. */
          holdAbovePercent: z.number().int().min(1).max(100),
        })
        .default({ enabled: false, at: null, holdAbovePercent: 50 }),
    }),
    recognition: z.strictObject({
      modelId: z.string().min(1),
      acceptThreshold: z.number().min(-1).max(1),
      unknownThreshold: z.number().min(-1).max(1),
      margin: z.number().min(0).max(1),
      agreeFrames: z.number().int().min(1).max(16),
      detector: z.enum(['short', 'full']),
      /** The kiosk's quality gate; light and sharpness are measured on the aligned face crop. */
      quality: z.strictObject({
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
    kiosk: z.strictObject({
      faceRecognition: z.boolean(),
      pinAttempts: z.number().int().min(1).max(20),
      pinLockMinutes: z.number().int().min(1).max(1440),
      pinWrongPerMinute: z.number().int().min(3).max(120).default(10),
    }),
    sms: z.strictObject({
      provider: z.enum(['android-gateway-local', 'android-gateway-cloud', 'twilio', 'log']),
      androidGateway: z.strictObject({
        // Credentials in the URL would be shown and audited in the clear; they have masked keys of their own.
        url: z
          .string()
          .url()
          .refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), 'must not hold a user name or password; set sms.androidGateway.username and .password')
          .or(z.literal('')),
        username: z.string(),
        password: z.string(),
        withDeliveryReport: z.boolean(),
        timeoutMs: z.number().int().min(500).max(60_000),
        /** The key set in the app under Settings → Webhooks → Signing Key; delivery reports are refused without it. */
        webhookSigningKey: z.string(),
        /** 1-based SIM slot; null lets the phone choose. */
        simNumber: z.number().int().min(1).max(3).nullable(),
        /** Cloud/private server: pins the phone, because message ids are unique per device only. */
        deviceId: z.string().max(64),
        /** Public HTTPS URL of this kiosk's webhook as the phone reaches it; when set, registered with the gateway at start. */
        webhookUrl: z.string().url().or(z.literal('')),
      }),
      twilio: z.strictObject({
        accountSid: z.string().regex(/^(AC[0-9a-fA-F]{32})?$/, 'must be an Account SID "AC…" (34 characters)'),
        authToken: z.string(),
        from: z.string().max(64),
        /** Exactly the public URL Twilio posts status callbacks to; the signature covers it. */
        statusCallbackUrl: z.string().url().or(z.literal('')),
        timeoutMs: z.number().int().min(500).max(60_000),
      }),
      limits: z.strictObject({
        perMinute: z.number().int().min(1).max(10_000),
        perHour: z.number().int().min(1).max(100_000),
      }),
      /** [from, to] school-local, may wrap midnight; null: no quiet hours. */
      quietHours: window.nullable(),
      ttlMinutes: z.strictObject(Object.fromEntries(smsTypes.map((t) => [t, z.number().int().min(1).max(24 * 60)])) as Record<
        (typeof smsTypes)[number],
        z.ZodNumber
      >),
      templates: z.strictObject(
        Object.fromEntries(
          smsTypes.map((t) => [
            t,
            z
              .string()
              .min(1)
              .max(640)
              .superRefine((text, ctx) => {
                const unknown = unknownPlaceholders(text);
                if (unknown.length > 0) {
                  ctx.addIssue({
                    code: 'custom',
                    message: `unknown placeholder ${unknown.map((u) => `{${u}}`).join(', ')}; use ${templatePlaceholders.map((p) => `{${p}}`).join(' ')}`,
                  });
                }
              }),
          ]),
        ) as Record<(typeof smsTypes)[number], z.ZodString>,
      ),
      /** The language of the texts to parents; changing it swaps the built-in wording (see sms/wording.ts). */
      language: z.enum(languages, 'must be one of: en, es').default('en'),
    }),
    /** Face-enrolment consent: the notice text version families sign, and whether the student must agree too. */
    consent: z
      .strictObject({
        noticeVersion: z.string().trim().min(1).max(40),
        requireStudentConsent: z.boolean(),
      })
      .default({ noticeVersion: '1', requireStudentConsent: false }),
    health: z.strictObject({
      port: z.number().int().min(0).max(65535),
      host: z.string(),
      /** Bearer token for the detailed health endpoints and /metrics; empty: open. */
      token: z.string().max(256).optional(),
    }),
    webhook: z.strictObject({ port: z.number().int().min(0).max(65535), host: z.string() }),
    backup: z.strictObject({
      keep: z.number().int().min(1, 'must keep at least one backup').max(1000),
      intervalMinutes: z.number().int().min(5).max(1440),
      /** Days a restore's safety copy, a quarantined corrupt database or a rejected backup is kept. */
      setAsideDays: z.number().int().min(1).max(365).default(7),
    }),
    disk: z.strictObject({ ballastMiB: z.number().int().min(0).max(4096) }),
    update: z.strictObject({
      /** The school's update server (electron-updater generic provider); empty: no updates. */
      url: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL').or(z.literal('')),
      window,
      quietMinutes: z.number().int().min(0).max(720),
      /** Ed25519 public key (PEM) the school's releases are signed with. */
      publicKey: z.string().refine((k) => k === '' || k.includes('BEGIN PUBLIC KEY'), 'must be a PEM public key ("-----BEGIN PUBLIC KEY-----...")'),
      checkIntervalMinutes: z.number().int().min(5).max(1440),
      healthGraceMinutes: z.number().int().min(1).max(120),
      maxUnhealthyStarts: z.number().int().min(1).max(20),
    }),
    shell: z.strictObject({ autostart: z.boolean() }),
    admin: z
      .strictObject({
        idleMinutes: z.number().int().min(1, 'must be at least 1 minute').max(60, 'must be at most 60 minutes').default(5),
        maxAttempts: z.number().int().min(3).max(10).default(5),
        lockMinutes: z.number().int().min(1).max(60).default(1),
        maxLockMinutes: z.number().int().min(1).max(1440).default(60),
      })
      .default({ idleMinutes: 5, maxAttempts: 5, lockMinutes: 1, maxLockMinutes: 60 }),
    privacy: privacySchema,
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
      // Inside both windows, check-out wins: an overlap would record arriving students as leaving.
      if (seconds(s.checkOut[0]) <= seconds(s.checkIn[1])) {
        ctx.addIssue({
          code: 'custom',
          path: [...p, 'checkOut'],
          message: `check-out window opens at ${s.checkOut[0]}, before session "${s.name}" closes check-in at ${s.checkIn[1]}; the windows must not overlap`,
        });
      }
    });
    // The earlier-listed session wins a shared minute, so spans may touch (12:30) but never overlap.
    const byOpening = cfg.schedule.sessions.map((s, i) => ({ s, i })).sort((a, b) => seconds(a.s.checkIn[0]) - seconds(b.s.checkIn[0]));
    byOpening.slice(1).forEach(({ s, i }, k) => {
      const prev = byOpening[k]!.s;
      if (seconds(s.checkIn[0]) < seconds(prev.checkOut[1])) {
        ctx.addIssue({
          code: 'custom',
          path: ['schedule', 'sessions', i, 'checkIn'],
          message: `session "${s.name}" opens check-in at ${s.checkIn[0]}, before session "${prev.name}" closes check-out at ${prev.checkOut[1]}; sessions must not overlap`,
        });
      }
    });
    const { absenceReport, noCheckoutNotice, sessions } = cfg.schedule;
    if (absenceReport.at && seconds(absenceReport.at) <= firstCheckInClose(sessions)) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'absenceReport', 'at'], message: 'must be after the first check-in window closes, or null for one minute after it' });
    }
    if (noCheckoutNotice.at && seconds(noCheckoutNotice.at) <= lastCheckOutClose(sessions)) {
      ctx.addIssue({ code: 'custom', path: ['schedule', 'noCheckoutNotice', 'at'], message: 'must be after the last check-out window closes, or null for one minute after it' });
    }
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
    if (cfg.sms.provider === 'android-gateway-cloud' && !cfg.sms.androidGateway.url) {
      ctx.addIssue({
        code: 'custom',
        path: ['sms', 'androidGateway', 'url'],
        message: 'is required for provider android-gateway-cloud, e.g. "https://api.sms-gate.app/3rdparty/v1"',
      });
    }
    if (cfg.sms.provider === 'twilio') {
      for (const key of ['accountSid', 'authToken', 'from'] as const) {
        if (!cfg.sms.twilio[key]) ctx.addIssue({ code: 'custom', path: ['sms', 'twilio', key], message: 'is required for provider twilio' });
      }
    }
    if (cfg.sms.quietHours && cfg.sms.quietHours[0] === cfg.sms.quietHours[1]) {
      ctx.addIssue({ code: 'custom', path: ['sms', 'quietHours'], message: 'from and to must differ (use null for no quiet hours)' });
    }
    if (cfg.sms.limits.perMinute > cfg.sms.limits.perHour) {
      ctx.addIssue({ code: 'custom', path: ['sms', 'limits', 'perMinute'], message: 'must not be above sms.limits.perHour' });
    }
    const region = regionRules(cfg.privacy.region);
    if (cfg.kiosk.faceRecognition && region.faceBarred) {
      ctx.addIssue({
        code: 'custom',
        path: ['kiosk', 'faceRecognition'],
        message: `cannot be enabled where privacy.region is ${cfg.privacy.region}: ${region.law}`,
      });
    }
    if (cfg.kiosk.faceRecognition && region.dpiaRequired && !cfg.privacy.dpia) {
      ctx.addIssue({
        code: 'custom',
        path: ['privacy', 'dpia'],
        message: `is required to enable kiosk.faceRecognition where privacy.region is ${cfg.privacy.region}: record the DPIA's {"reference", "date"}`,
      });
    }
  });

export type Config = z.infer<typeof configSchema>;
export type SessionConfig = z.infer<typeof sessionSchema>;
