// A provider that sends nothing: it writes each text it would send as one JSON line, for setting up a
// kiosk or training staff before a gateway phone exists. The writer is its own sink (a file the operator
// asked for), not the application log, which never carries numbers or text.
import type { SmsProvider } from '../provider.js';

export function createLogProvider(deps: { write: (line: string) => void }): SmsProvider {
  return {
    name: 'log',
    async send(msg) {
      deps.write(JSON.stringify({ messageId: msg.messageId, phoneE164: msg.phoneE164, text: msg.text, ttlSeconds: msg.ttlSeconds }));
      return { kind: 'accepted', providerState: 'logged' };
    },
  };
}
