// A provider that sends nothing: it writes each text it would send as one JSON line, for setting up a
// kiosk or training staff before a gateway phone exists. The writer is its own sink (a file the operator
// asked for), not the application log, which never carries numbers or text. The number is masked to
// its last three digits (enough for staff to see which guardian a text was for), and the file is
// rotated and kept a few days only (log-file.ts).
import type { SmsProvider } from '../provider.js';

/** +447400123456 -> +*********456 */
export function maskPhone(e164: string): string {
  return e164.length <= 4 ? e164.replace(/\d/g, '*') : e164.slice(0, 1) + '*'.repeat(e164.length - 4) + e164.slice(-3);
}

export function createLogProvider(deps: { write: (line: string) => void }): SmsProvider {
  return {
    name: 'log',
    async send(msg) {
      deps.write(JSON.stringify({ messageId: msg.messageId, phoneE164: maskPhone(msg.phoneE164), text: msg.text, ttlSeconds: msg.ttlSeconds }));
      return { kind: 'accepted', providerState: 'logged' };
    },
  };
}
