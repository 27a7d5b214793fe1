// The dispatcher's provider when the admin screen may change it: every text goes to whichever
// provider the live config names, rebuilt when an SMS provider setting changes, without a restart.
import type { SettingChange } from '../settings/settings-store.js';
import type { SmsProvider } from './provider.js';

const PROVIDER_KEYS = /^sms\.(provider|androidGateway)(\.|$)/;

export function switchableProvider(build: () => SmsProvider) {
  let current = build();
  const provider: SmsProvider = {
    get name() {
      return current.name;
    },
    send: (msg) => current.send(msg),
  };
  return {
    provider,
    /** Pass to settings.onChange. */
    settingsChanged(changed: SettingChange[]): void {
      if (changed.some((c) => PROVIDER_KEYS.test(c.key))) current = build();
    },
  };
}
