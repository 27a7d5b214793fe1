// The kiosk shell itself: IT leaves kiosk mode for maintenance (behind the admin PIN, IT role).
// Only the Electron host has a shell to leave; the serve host answers that it is not available.
import { z } from 'zod';

export const exitKioskResult = z.discriminatedUnion('outcome', [
  /** The window is an ordinary window now; the next start is in kiosk mode again. */
  z.object({ outcome: z.literal('exited') }),
  z.object({ outcome: z.literal('not_available'), reason: z.string() }),
]);
export type ExitKioskResult = z.infer<typeof exitKioskResult>;

export const shellChannels = {
  'shell:exit-kiosk': { request: z.object({}).strict(), response: exitKioskResult, role: 'it' },
} as const;
