// Which role may change which settings. Office runs the school day (name, time zone, schedule,
// holidays, message wording); IT owns what can break the kiosk or leak data (recognition, SMS
// provider and its secrets, ports, backups, admin policy). Anything not listed is IT's: a new
// setting the office should change (e.g. a notification choice) needs its key added here.
import type { Role } from '../../../src-preload/contract.js';

const OFFICE_KEYS = ['school', 'schedule', 'sms.templates', 'sms.language', 'consent'];

export function roleForKey(key: string): Role {
  return OFFICE_KEYS.some((k) => key === k || key.startsWith(`${k}.`)) ? 'office' : 'it';
}

/** Values never sent to the screen; the screen shows that one is set and may replace it. Add new secrets here. */
export const SECRET_KEYS = ['sms.androidGateway.password', 'sms.androidGateway.webhookSigningKey', 'sms.twilio.authToken', 'health.token'];
export const SECRET_MASK = '••••••••';

/**
 * Settings read once at start: servers bound to an address, the disk reserve sized, the updater and
 * autostart set up, the kiosk screen's camera pipeline built. A change is stored, shown and audited
 * like any other, and takes effect at the next start; the screen says so. Everything else is live.
 */
export const RESTART_KEYS = [
  'health.host',
  'health.port',
  'webhook.host',
  'webhook.port',
  'disk.ballastMiB',
  'update',
  'shell.autostart',
  'recognition.modelId',
  'recognition.detector',
  'recognition.agreeFrames',
  'recognition.quality',
];

export function appliesAfterRestart(key: string): boolean {
  return RESTART_KEYS.some((k) => key === k || key.startsWith(`${k}.`));
}
