// Carries the contract over IPC. Every call is checked: it must come from the kiosk's own page in
// the main frame, its argument must match the channel's schema, and a channel with a role needs the
// admin session token the preload sends as the envelope's second argument.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channelRole, channels, type Channel } from '../../src-preload/contract.js';
import type { Handlers } from '../core/app.js';
import { callerSession, checkChannelAccess, type SessionLookup } from '../core/access/authorize.js';
import type { Logger } from '../core/log.js';
import { APP_ORIGIN } from './protocol.js';

export function registerIpc(handlers: Handlers, sessions: SessionLookup, log: Logger): () => void {
  const names = Object.keys(channels) as Channel[];
  for (const name of names) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, request: unknown, token: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !frame.url.startsWith(`${APP_ORIGIN}/`)) {
        log.warn('ipc call from an unexpected frame refused', { channel: name });
        throw new Error('Refused');
      }
      const parsed = channels[name].request.safeParse(request);
      if (!parsed.success) throw new Error(`Request does not match the contract for ${name}`);
      const session = callerSession(name, token, sessions);
      const access = checkChannelAccess(channelRole(name), session);
      if (!access.ok) throw new Error(access.error);
      return (handlers[name] as (r: unknown, ctx: { session: typeof session }) => unknown)(parsed.data, { session });
    });
  }
  return () => names.forEach((n) => ipcMain.removeHandler(n));
}
