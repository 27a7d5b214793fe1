// The admin screen's backup area (IT only): the verified backups, take one now, restore one, and the
// last recovery with the window of attendance it lost. Counts and times only: no names, no numbers.
import { z } from 'zod';

const empty = z.object({}).strict();
const utc = z.string();

export const backupFileName = z.string().regex(/^rollcall-\d{6,}-\d{8}T\d{6}Z\.db$/, 'must be the name of a listed backup');

export const backupEntry = z.object({
  file: z.string(),
  takenAt: utc,
  bytes: z.number().int().min(0),
  schemaVersion: z.number().int(),
  students: z.number().int().min(0),
  attendance: z.number().int().min(0),
});
export type BackupEntry = z.infer<typeof backupEntry>;

export const recoverySummary = z.object({
  kind: z.enum(['startup_recovery', 'manual_restore']),
  detectedAt: utc,
  reason: z.enum(['corrupt', 'empty', 'missing', 'requested']),
  detail: z.string(),
  restoredFrom: z.string().nullable(),
  lostFrom: utc.nullable(),
  lostUntil: utc,
  /** Attendance rows recorded after the backup that the restore replaced; absent when not counted. */
  attendanceAfterBackup: z.number().int().min(0).nullable().optional(),
});
export type RecoverySummary = z.infer<typeof recoverySummary>;

export const backupOverview = z.object({
  status: z.object({
    lastVerifiedAt: utc.nullable(),
    ageSeconds: z.number().nullable(),
    count: z.number().int().min(0),
    keep: z.number().int(),
    intervalMinutes: z.number().int(),
    running: z.boolean(),
    lastError: z.object({ at: utc, message: z.string() }).nullable(),
  }),
  backups: z.array(backupEntry),
  lastRecovery: recoverySummary.nullable(),
  disk: z.object({
    state: z.enum(['ok', 'reserve_in_use', 'full']),
    reason: z.string().nullable(),
    freeBytes: z.number(),
  }),
});
export type BackupOverview = z.infer<typeof backupOverview>;

export const backupNowResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), backup: backupEntry }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export const restoreResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), recovery: recoverySummary, safetyCopy: z.string() }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export const backupChannels = {
  'backup:list': { request: empty, response: backupOverview, role: 'it' },
  'backup:now': { request: empty, response: backupNowResult, role: 'it' },
  'backup:restore': { request: z.object({ file: backupFileName }).strict(), response: restoreResult, role: 'it' },
} as const;
