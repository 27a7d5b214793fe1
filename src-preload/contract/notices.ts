// The daily notices on the admin screen: today's absence report as it ran (or was held), and the
// office's "send the absence texts now" for a held report once the day's records are right.
import { z } from 'zod';

const empty = z.object({}).strict();

export const absenceReportState = z.object({
  localDate: z.string(),
  /** null: it has not run today. 'failed' with a detail that starts "absence report held" is a hold. */
  status: z.enum(['running', 'ok', 'failed', 'skipped']).nullable(),
  detail: z.string().nullable(),
  held: z.boolean(),
});

export const sendHeldResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), reported: z.number().int().min(0), texts: z.number().int().min(0) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export const noticesChannels = {
  'notices:absence-report': { request: empty, response: absenceReportState, role: 'office' },
  'notices:send-held-absence': { request: empty, response: sendHeldResult, role: 'office' },
} as const;
