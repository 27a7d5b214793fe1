// Admin access: who is at the admin screen. Two PINs, one per role (office, IT); a session token
// from login rides along with every later call (HTTP header or IPC envelope) and both hosts check
// the channel's role against it before any handler runs.
import { z } from 'zod';

/** Admin PINs are longer than a student's: they open every record in the school. */
export const ADMIN_PIN_MIN = 6;
export const ADMIN_PIN_MAX = 12;
export const adminPin = z
  .string()
  .regex(new RegExp(`^\\d{${ADMIN_PIN_MIN},${ADMIN_PIN_MAX}}$`), `PIN must be ${ADMIN_PIN_MIN} to ${ADMIN_PIN_MAX} digits`);

/** The HTTP header the serve host reads the session token from. */
export const ADMIN_SESSION_HEADER = 'x-rollcall-admin-session';

const role = z.enum(['office', 'it']);

export const adminStatus = z.object({
  /** false on first run: the screen asks to create the PINs. */
  setUp: z.boolean(),
  /** ISO instant until which logins are refused, or null. */
  lockedUntil: z.string().nullable(),
  /** The same on the school's clock (HH:MM), and seconds from now: the page's own clock may differ. */
  lockedUntilLocal: z.string().nullable(),
  retryAfterSeconds: z.number().int().min(0),
  /** While locked, seconds until the IT PIN may be tried (0: now); it still opens a locked sign-in. */
  itPinInSeconds: z.number().int().min(0).optional(),
  idleMinutes: z.number().int().min(1),
  /** The caller's own session, if its token is still good. */
  session: z.object({ role }).nullable(),
  /** Before first-run setup: the file on the kiosk that holds the one-time setup code; else null. */
  setupCodeFile: z.string().nullable(),
});
export type AdminStatus = z.infer<typeof adminStatus>;

const signedIn = z.object({ ok: z.literal(true), role, token: z.string(), idleMinutes: z.number().int().min(1) });

export const loginResult = z.discriminatedUnion('reason', [
  signedIn.extend({ reason: z.literal('signed_in') }),
  z.object({ ok: z.literal(false), reason: z.literal('wrong_pin'), attemptsLeft: z.number().int().min(0) }),
  z.object({
    ok: z.literal(false),
    reason: z.literal('locked'),
    lockedUntil: z.string(),
    lockedUntilLocal: z.string(),
    retryAfterSeconds: z.number().int().min(0),
    /** Seconds until the IT PIN may be tried (0: now); it still opens a locked sign-in. */
    itPinInSeconds: z.number().int().min(0).optional(),
  }),
  z.object({ ok: z.literal(false), reason: z.literal('not_set_up') }),
]);
export type LoginResult = z.infer<typeof loginResult>;

export const setupResult = z.discriminatedUnion('reason', [
  signedIn.extend({ reason: z.literal('signed_in') }),
  z.object({ ok: z.literal(false), reason: z.literal('already_set_up') }),
  z.object({ ok: z.literal(false), reason: z.literal('same_pins') }),
  /** Wrong setup codes count towards the same lock as wrong PINs. */
  z.object({ ok: z.literal(false), reason: z.literal('wrong_setup_code'), attemptsLeft: z.number().int().min(0) }),
  z.object({
    ok: z.literal(false),
    reason: z.literal('locked'),
    lockedUntil: z.string(),
    lockedUntilLocal: z.string(),
    retryAfterSeconds: z.number().int().min(0),
  }),
]);
export type SetupResult = z.infer<typeof setupResult>;

export const changePinResult = z.discriminatedUnion('reason', [
  z.object({ ok: z.literal(true), reason: z.literal('changed') }),
  z.object({ ok: z.literal(false), reason: z.enum(['wrong_current_pin', 'same_as_other_role', 'not_allowed']) }),
]);
export type ChangePinResult = z.infer<typeof changePinResult>;

export const adminChannels = {
  'admin:status': { request: z.object({}).strict(), response: adminStatus },
  /** First run only: with the one-time setup code from the kiosk's data folder, creates both PINs at once and signs in as IT. */
  'admin:setup-pin': {
    request: z.object({ setupCode: z.string().regex(/^\d{1,16}$/, 'The setup code is digits only'), itPin: adminPin, officePin: adminPin }).strict(),
    response: setupResult,
  },
  'admin:login': { request: z.object({ pin: z.string().regex(/^\d{1,12}$/, 'PIN is digits only') }).strict(), response: loginResult },
  'admin:logout': { request: z.object({}).strict(), response: z.object({ ok: z.literal(true) }) },
  /** Office may change the office PIN (with the current one); IT may set either. */
  'admin:change-pin': {
    request: z.object({ role, currentPin: z.string().max(12).optional(), newPin: adminPin }).strict(),
    response: changePinResult,
    role: 'office',
  },
  /** The latest audit log entries, newest first (IT: it shows who did what across the school). */
  'admin:audit': {
    request: z.object({ limit: z.number().int().min(1).max(500).default(100), beforeSeq: z.number().int().min(1).optional() }).strict(),
    response: z.array(
      z.object({ seq: z.number(), occurredAt: z.string(), actor: z.string(), action: z.string(), subject: z.string(), details: z.record(z.string(), z.unknown()) }),
    ),
    role: 'it',
  },
} as const;

/**
 * The token the caller should hold after a call: taken from a successful login or setup, dropped on
 * logout. Both preload sides use this so no screen ever handles the token itself.
 */
export function adminTokenAfter(channel: string, response: unknown, current: string | null): string | null {
  if (channel === 'admin:logout') return null;
  if (channel === 'admin:login' || channel === 'admin:setup-pin') {
    const r = response as { ok?: boolean; token?: string };
    if (r.ok && typeof r.token === 'string') return r.token;
  }
  return current;
}
