// The only vocabulary shared by the renderer and the main process. Every request that crosses the
// boundary is validated against these schemas on the receiving side (IPC handler or HTTP host).
import { z } from 'zod';
import { kioskChannels } from './contract/kiosk.js';
import { backupChannels } from './contract/backup.js';
import { smsChannels } from './contract/sms.js';
import { shellChannels } from './contract/shell.js';
import { adminChannels } from './contract/admin.js';
import { peopleChannels } from './contract/people.js';
import { settingsChannels } from './contract/settings.js';
import { privacyChannels } from './contract/privacy.js';
import { attendanceChannels } from './contract/attendance.js';
import { noticesChannels } from './contract/notices.js';


export * from './contract/kiosk.js';
export * from './contract/backup.js';
export * from './contract/sms.js';
export * from './contract/shell.js';
export * from './contract/admin.js';
export * from './contract/people.js';
export * from './contract/settings.js';

export * from './contract/privacy.js';
export * from './contract/attendance.js';
export * from './contract/notices.js';
export * from './contract/sms.js';

/**
 * Who may call a channel. Channels without a role are the kiosk's own; 'office' and 'it' channels
 * need an admin session with that role (IT may do everything office may).
 */
export type Role = 'office' | 'it';

/** IT may do everything office may. The hosts and the admin screen both use this one rule. */
export function roleCovers(have: Role, need: Role): boolean {
  return have === 'it' || need === 'office';
}

export interface ChannelDef {
  request: z.ZodType;
  response: z.ZodType;
  role?: Role;
  /** Requests larger than the hosts' default (256 KB), e.g. a roster file; bytes. */
  maxBodyBytes?: number;
}

/** Request/response channels: renderer invokes, main handles. One file per area under contract/. */
export const channels = {
  ...kioskChannels,
  ...backupChannels,
  ...smsChannels,
  ...shellChannels,
  ...adminChannels,
  ...peopleChannels,
  ...settingsChannels,
  ...privacyChannels,
  ...attendanceChannels,
  ...noticesChannels,
} as const satisfies Record<string, ChannelDef>;

export type Channel = keyof typeof channels;
export type RequestOf<C extends Channel> = z.input<(typeof channels)[C]['request']>;
/** A request after validation, as handlers receive it. */
export type ValidRequestOf<C extends Channel> = z.output<(typeof channels)[C]['request']>;
export type ResponseOf<C extends Channel> = z.infer<(typeof channels)[C]['response']>;

export function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/** The role a channel needs, or undefined for the kiosk's own channels. */
export function channelRole(channel: Channel): Role | undefined {
  return (channels[channel] as ChannelDef).role;
}

/** What `window.kiosk` offers the renderer, whichever host it runs in. */
export interface KioskApi {
  invoke<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
}

/** Error the hosts return for a request that fails validation or handling. */
export const contractError = z.object({ error: z.string(), issues: z.array(z.string()).optional() });
