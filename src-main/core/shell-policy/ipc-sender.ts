// Who may call the contract over IPC: the kiosk's own page, in its main frame. Anything else (an
// iframe, a page the kiosk was tricked into loading, a destroyed frame) is refused before the
// request is even parsed.
import { isAppUrl } from './origin.js';

export interface IpcSender {
  /** event.senderFrame?.url; undefined when the frame is gone. */
  url: string | undefined;
  /** event.senderFrame?.parent === null */
  isMainFrame: boolean;
}

export function isTrustedSender(sender: IpcSender | null): boolean {
  return sender !== null && sender.isMainFrame && isAppUrl(sender.url);
}
