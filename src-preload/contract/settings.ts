// Settings on the admin screen: read them all (secrets masked) and change some. A change is a
// partial config object (objects merge, arrays replace); the core validates the whole result.
import { z } from 'zod';

const settingError = z.object({ key: z.string(), message: z.string() });
export type SettingError = z.infer<typeof settingError>;

export const settingsView = z.object({
  /** The live config, shaped as config/default.json; secrets are replaced by a mask when set. */
  values: z.record(z.string(), z.unknown()),
  /** Dotted keys whose value comes from the admin screen rather than the config file. */
  overridden: z.array(z.string()),
  /** Keys (and key prefixes) read only at start: a change is saved now and takes effect at the next start. */
  afterRestart: z.array(z.string()),
  /** Dotted keys of those changed since this start, so waiting for a restart. */
  pendingRestart: z.array(z.string()),
  /** Stored settings an earlier version accepted that this one refused at start and runs without. */
  ignored: z.array(settingError).default([]),
});
export type SettingsView = z.infer<typeof settingsView>;

export const settingsUpdateResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), changed: z.array(z.object({ key: z.string(), from: z.unknown(), to: z.unknown() })) }),
  z.object({ ok: z.literal(false), errors: z.array(settingError) }),
]);
export type SettingsUpdateResult = z.infer<typeof settingsUpdateResult>;

export const settingsChannels = {
  'settings:get': { request: z.object({}).strict(), response: settingsView, role: 'office' },
  /** Office may change school, schedule and SMS wording; the rest needs IT (refused per key). */
  'settings:update': {
    request: z.object({ patch: z.record(z.string(), z.unknown()) }).strict(),
    response: settingsUpdateResult,
    role: 'office',
  },
} as const;
