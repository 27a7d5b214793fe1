// What the kiosk screen asks of the core: status, vision settings, check-ins and its heartbeat.
import { z } from 'zod';

export const EMBEDDING_DIM = 128;

const embedding = z.array(z.number().finite()).length(EMBEDDING_DIM);

export const faceEvidence = z.object({
  modelId: z.string().min(1).max(64),
  /** One embedding per agreeing frame of the tracked face (K of them). */
  embeddings: z.array(embedding).min(1).max(16),
  /** Mean quality score of those frames, 0..1. */
  quality: z.number().min(0).max(1),
});
export type FaceEvidence = z.infer<typeof faceEvidence>;

export const cardCheckIn = z.object({ code: z.string().min(1).max(256) });
export const pinCheckIn = z.object({
  studentNumber: z.string().trim().min(1).max(32),
  pin: z.string().regex(/^\d{4,8}$/, 'PIN must be 4 to 8 digits'),
});

export const heartbeat = z.object({
  fps: z.number().min(0).max(240),
  framesProcessed: z.number().int().min(0),
  /** Seconds of camera media time seen since the vision pipeline started. */
  mediaSeconds: z.number().min(0),
  /** `paused`: the admin screen is open on this kiosk; the kiosk's camera pipeline is stopped until it closes. */
  cameraState: z.enum(['starting', 'running', 'stalled', 'error', 'paused']),
  visionState: z.enum(['loading', 'ready', 'error', 'paused']),
  detectMsP50: z.number().min(0).optional(),
  embedMsP50: z.number().min(0).optional(),
  error: z.string().max(500).optional(),
  /** Milliseconds from the last camera frame to this beat (the core's camera check). */
  lastFrameAgeMs: z.number().min(0).optional(),
  /** Random per page load: a command meant for a page that went stale is not given to the next page. */
  pageId: z.string().regex(/^[0-9a-f]{8,32}$/).optional(),
});
export type Heartbeat = z.infer<typeof heartbeat>;

/**
 * What the core's watchdog asks the screen to do, if anything: reload the page (it is failing) or
 * re-open the camera (the page is alive but frames stopped).
 */
export const watchdogCommand = z.enum(['reload', 'reopen-camera']);
export type WatchdogCommand = z.infer<typeof watchdogCommand>;
export const heartbeatResponse = z.object({ ok: z.literal(true), command: watchdogCommand.optional() });
export type HeartbeatResponse = z.infer<typeof heartbeatResponse>;

const greetingStudent = z.object({ firstName: z.string(), displayName: z.string() });

const attendanceSummary = z.object({
  kind: z.enum(['check_in', 'check_out']),
  status: z.enum(['on_time', 'late']),
  /** School-local wall-clock time, HH:MM. */
  localTime: z.string(),
  session: z.string(),
  minutesLate: z.number().int().min(0),
});
export type AttendanceSummary = z.infer<typeof attendanceSummary>;

export const checkInResult = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('recorded'), student: greetingStudent, attendance: attendanceSummary }),
  z.object({ outcome: z.literal('already_recorded'), student: greetingStudent, attendance: attendanceSummary }),
  z.object({ outcome: z.literal('not_recognised') }),
  /** The face is close to an enrolled student but not certain: ask for the card or PIN. */
  z.object({ outcome: z.literal('needs_second_factor') }),
  z.object({ outcome: z.literal('unknown_card') }),
  z.object({ outcome: z.literal('wrong_pin') }),
  z.object({
    outcome: z.literal('pin_locked'),
    retryAfterSeconds: z.number().int().min(0),
    /** 'kiosk': too many wrong PINs at this kiosk in the last minute, whatever the number; absent: this number is locked. */
    scope: z.literal('kiosk').optional(),
  }),
  z.object({ outcome: z.literal('closed'), reason: z.enum(['outside_hours', 'not_school_day']) }),
]);
export type CheckInResult = z.infer<typeof checkInResult>;

export const kioskStatus = z.object({
  schoolName: z.string(),
  timezone: z.string(),
  locale: z.string(),
  /** The language the kiosk screen speaks (school.language). */
  language: z.enum(['en', 'es']).default('en'),
  /** School-local date (YYYY-MM-DD) and time (HH:MM). */
  localDate: z.string(),
  localTime: z.string(),
  session: z.string().nullable(),
  checkedInToday: z.number().int().min(0),
  faceRecognition: z.boolean(),
  /** Outside every session: when check-in next opens (school-local), or null if it never does. */
  nextCheckIn: z.object({ date: z.string(), time: z.string(), session: z.string() }).nullable().default(null),
});
export type KioskStatus = z.infer<typeof kioskStatus>;

export const visionSettings = z.object({
  modelId: z.string(),
  detector: z.enum(['short', 'full']),
  agreeFrames: z.number().int().min(1).max(16),
  quality: z.object({
    minEyeDistancePx: z.number(),
    maxCentreOffset: z.number(),
    maxYawDeg: z.number(),
    maxRollDeg: z.number(),
    minSharpness: z.number(),
    minBrightness: z.number(),
    maxBrightness: z.number(),
    maxContrast: z.number(),
    maxDarkShare: z.number(),
  }),
});
export type VisionSettings = z.infer<typeof visionSettings>;

const empty = z.object({}).strict();

/** Channels the kiosk screen uses; open to the kiosk page without an admin session. */
export const kioskChannels = {
  'kiosk:status': { request: empty, response: kioskStatus },
  'kiosk:vision-settings': { request: empty, response: visionSettings },
  'kiosk:identify': { request: faceEvidence, response: checkInResult },
  'kiosk:check-in-card': { request: cardCheckIn, response: checkInResult },
  'kiosk:check-in-pin': { request: pinCheckIn, response: checkInResult },
  'kiosk:heartbeat': { request: heartbeat, response: heartbeatResponse },
} as const;

