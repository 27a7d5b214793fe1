// Admin sessions live in the core's memory only: a restart signs everyone out, which is what a
// kiosk that was unplugged should do. A session ends after `idleMinutes` without a call.
import type { Role } from '../../../src-preload/contract.js';
import type { Clock } from '../time/clock.js';
import type { AdminSession, SessionLookup } from './authorize.js';

interface Held {
  role: Role;
  lastSeen: number;
}

export function isIdleExpired(lastSeen: Date, now: Date, idleMinutes: number): boolean {
  return now.getTime() - lastSeen.getTime() >= idleMinutes * 60_000;
}

export function createSessionStore(deps: { clock: Clock; random: (n: number) => Buffer; idleMinutes: () => number }) {
  const held = new Map<string, Held>();

  function live(token: string | null | undefined): [string, Held] | null {
    if (!token) return null;
    const s = held.get(token);
    if (!s) return null;
    if (isIdleExpired(new Date(s.lastSeen), deps.clock.now(), deps.idleMinutes())) {
      held.delete(token);
      return null;
    }
    return [token, s];
  }

  const store = {
    open(role: Role): AdminSession {
      const token = deps.random(32).toString('base64url');
      held.set(token, { role, lastSeen: deps.clock.now().getTime() });
      return { token, role };
    },
    /** The live session for a token, counting this call as activity. */
    session(token: string | null | undefined): AdminSession | null {
      const found = live(token);
      if (!found) return null;
      found[1].lastSeen = deps.clock.now().getTime();
      return { token: found[0], role: found[1].role };
    },
    close(token: string | null | undefined): AdminSession | null {
      const found = live(token);
      if (token) held.delete(token);
      return found ? { token: found[0], role: found[1].role } : null;
    },
    /** Ends every session of a role (its PIN changed, so whoever knew the old one is out). */
    closeRole(role: Role, except?: string): void {
      for (const [t, s] of held) if (s.role === role && t !== except) held.delete(t);
    },
  } satisfies SessionLookup & Record<string, unknown>;
  return store;
}

export type SessionStore = ReturnType<typeof createSessionStore>;
