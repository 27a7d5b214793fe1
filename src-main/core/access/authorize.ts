// The one rule both hosts apply before a handler runs: a channel with a role needs a live admin
// session whose role covers it. Pure, so the HTTP host and the IPC host cannot drift apart.
import { channelRole, roleCovers, type Channel, type Role } from '../../../src-preload/contract.js';

export { roleCovers };

export interface AdminSession {
  token: string;
  role: Role;
}

/** What a handler learns about its caller, after the host has checked access. */
export interface CallContext {
  session: AdminSession | null;
}

export type AccessDecision =
  | { ok: true }
  | { ok: false; status: 401 | 403; error: string };

export function checkChannelAccess(need: Role | undefined, session: AdminSession | null): AccessDecision {
  if (!need) return { ok: true };
  if (!session) return { ok: false, status: 401, error: 'Signed out: enter the admin PIN again' };
  if (!roleCovers(session.role, need)) return { ok: false, status: 403, error: 'This needs the IT PIN' };
  return { ok: true };
}

/** How a host finds the session a token names; expired or unknown tokens give null. */
export interface SessionLookup {
  session(token: string | null | undefined): AdminSession | null;
}

/**
 * The session a call runs with. Only admin channels look it up (and so count as activity): the
 * kiosk's own status polling in the same page must not keep an unattended admin session alive.
 */
export function callerSession(channel: Channel, token: unknown, sessions: SessionLookup | undefined): AdminSession | null {
  if (!channelRole(channel) && !channel.startsWith('admin:')) return null;
  return sessions?.session(typeof token === 'string' ? token : null) ?? null;
}
