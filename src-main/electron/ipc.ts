// Carries the contract over IPC. Every call is checked: it must come from the kiosk's own page in
// the main frame, and its argument must match the channel's schema.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { channels, type Channel } from '../../src-preload/contract.js';
import type { Handlers } from '../core/app.js';
import type { Logger } from '../core/log.js';
import { isTrustedSender } from '../core/shell-policy/ipc-sender.js';

export function registerIpc(handlers: Handlers, log: Logger): () => void {
  const names = Object.keys(channels) as Channel[];
  for (const name of names) {
    ipcMain.handle(name, async (event: IpcMainInvokeEvent, request: unknown) => {
      const frame = event.senderFrame;
      if (!isTrustedSender(frame ? { url: frame.url, isMainFrame: frame.parent === null } : null)) {
        log.warn('ipc call from an unexpected frame refused', { channel: name });
        throw new Error('Refused');
      }
      const parsed = channels[name].request.safeParse(request);
      if (!parsed.success) throw new Error(`Request does not match the contract for ${name}`);
      return (handlers[name] as (r: unknown) => unknown)(parsed.data);
    });
  }
  return () => names.forEach((n) => ipcMain.removeHandler(n));
}
