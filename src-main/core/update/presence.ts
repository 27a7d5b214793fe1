// Someone is at the kiosk whenever the page asks the core to identify a face or check in a card or
// PIN. The updater waits until the kiosk has been quiet for a while before it restarts.
import type { Clock } from '../time/clock.js';

export const PRESENCE_CHANNELS = ['kiosk:identify', 'kiosk:check-in-card', 'kiosk:check-in-pin'] as const;

export function createPresence(clock: Clock) {
  let last: Date | null = null;
  return {
    seen(): void {
      last = clock.now();
    },
    lastSeenAt: (): Date | null => last,
  };
}

export type Presence = ReturnType<typeof createPresence>;

/** The same handlers, noting presence on the channels a person at the kiosk uses (all arguments pass through). */
export function withPresence<H extends Record<string, (...args: never[]) => unknown>>(handlers: H, presence: Presence): H {
  const out: Record<string, unknown> = { ...handlers };
  for (const name of PRESENCE_CHANNELS) {
    const inner = handlers[name];
    if (!inner) continue;
    out[name] = (...args: never[]) => {
      presence.seen();
      return inner(...args);
    };
  }
  return out as H;
}
