// Settings changed on the admin screen: overrides kept in SQLite and merged over the config file the
// way the loader merges a school's file over the defaults (objects key by key, arrays replace).
// Every change is validated against the whole config schema, so a setting gets the same message a
// bad config file would, naming the key; it applies at once (listeners, `config()`) and is audited.
import { roleCovers, type Role } from '../../../src-preload/contract.js';
import type { AuditLog } from '../audit/audit-log.js';
import { configIssues, deepMerge, isObject, type Json } from '../config/load.js';
import { dropOffendingOverrides, liftGatewayUrlCredentials, type IgnoredSetting } from '../config/stored-settings-repair.js';
import { configSchema, type Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';
import { withLanguageWording } from '../sms/wording.js';
import { appliesAfterRestart, RESTART_KEYS, roleForKey, SECRET_KEYS, SECRET_MASK } from './key-roles.js';

export interface SettingChange {
  key: string;
  from: unknown;
  to: unknown;
}

export type SettingsUpdate = { ok: true; changed: SettingChange[] } | { ok: false; errors: Array<{ key: string; message: string }> };

export interface SettingsDeps {
  db: Db;
  audit: AuditLog;
  clock: Clock;
  log: Logger;
  /** The config file (and environment) as loaded at start: the baseline the overrides sit on. */
  base: Config;
}

/** Dotted keys of every leaf; an array is one leaf (it is replaced whole). */
function leaves(value: Json, prefix = ''): Map<string, Json> {
  const out = new Map<string, Json>();
  if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) for (const [lk, lv] of leaves(v, prefix ? `${prefix}.${k}` : k)) out.set(lk, lv);
  } else if (prefix) out.set(prefix, value);
  return out;
}

function without(doc: Json, key: string): Json {
  if (!isObject(doc)) return doc;
  const [head, ...rest] = key.split('.');
  if (!(head! in doc)) return doc;
  const copy = { ...doc };
  if (rest.length === 0) delete copy[head!];
  else copy[head!] = without(copy[head!]!, rest.join('.'));
  return copy;
}

/** Keys of the patch, at any depth, written with a dot ("school.timezone"). */
function dottedKeys(value: Json, prefix: string[] = []): string[] {
  if (!isObject(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => (k.includes('.') ? [[...prefix, k].join('.')] : dottedKeys(v, [...prefix, k])));
}

const nestedExample = (key: string) => key.split('.').reduceRight((acc, k) => `{"${k}": ${acc}}`, '…');

const mask = (key: string, v: unknown) => (SECRET_KEYS.includes(key) && v !== '' ? SECRET_MASK : v);

export function createSettingsStore(deps: SettingsDeps) {
  const { db, audit, clock, log } = deps;
  const base = deps.base as unknown as Json;
  const read = db.prepare('SELECT doc FROM settings_overrides WHERE id = 1');
  const write = db.prepare(
    'INSERT INTO settings_overrides (id, doc, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc, updated_at = excluded.updated_at',
  );
  const listeners = new Set<(config: Config, changed: SettingChange[]) => void>();

  let overrides: Json = JSON.parse((read.get() as { doc: string } | undefined)?.doc ?? '{}') as Json;
  let current: Config;
  const lifted = liftGatewayUrlCredentials(overrides);
  if (lifted.lifted) {
    log.warn('stored SMS gateway URL held a user name and password; they now sit in sms.androidGateway.username and .password');
    overrides = lifted.doc;
  }
  // What an earlier version accepted and this one refuses is dropped alone (a key no longer there, a
  // list entry no longer valid), so the school's other settings stay in force.
  const repaired = dropOffendingOverrides(overrides, (o) => configSchema.safeParse(deepMerge(base, o)));
  const ignoredAtStart: IgnoredSetting[] = repaired.ignored;
  if (ignoredAtStart.length > 0) {
    log.warn('stored settings this version refuses are ignored', { issues: ignoredAtStart.map((i) => `${i.key}: ${i.message}`) });
    overrides = repaired.overrides;
  }
  const started = repaired.result;
  if (started.success) current = started.data;
  else {
    // The file changed under the overrides in a way no single stored value explains: run on the file
    // alone rather than refuse to start the kiosk; the overrides stay stored for IT to look at.
    log.error('stored settings no longer valid; using the config file alone', {
      issues: started.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    });
    current = deps.base;
  }
  const atStart = leaves(current as unknown as Json);

  return {
    config: (): Config => current,

    /**
     * Every setting as the screen may see it, which keys differ from the config file, which keys apply
     * only at the next start, and which of those were changed since this start (waiting for a restart).
     */
    view(): { values: Record<string, unknown>; overridden: string[]; afterRestart: string[]; pendingRestart: string[]; ignored: IgnoredSetting[] } {
      const values = JSON.parse(JSON.stringify(current)) as Json;
      let masked = values;
      for (const key of SECRET_KEYS) {
        const v = leaves(values).get(key);
        if (v !== undefined) masked = deepMerge(masked, key.split('.').reduceRight<Json>((acc, k) => ({ [k]: acc }), mask(key, v) as Json));
      }
      const now = leaves(current as unknown as Json);
      const pendingRestart = [...new Set([...atStart.keys(), ...now.keys()])].filter(
        (key) => appliesAfterRestart(key) && JSON.stringify(atStart.get(key)) !== JSON.stringify(now.get(key)),
      );
      return { values: masked as Record<string, unknown>, overridden: [...leaves(overrides).keys()], afterRestart: [...RESTART_KEYS], pendingRestart, ignored: ignoredAtStart };
    },

    update(patch: Record<string, unknown>, actor: Role): SettingsUpdate {
      let clean = withLanguageWording(current, patch) as Json;
      for (const key of SECRET_KEYS) if (leaves(clean).get(key) === SECRET_MASK) clean = without(clean, key);
      // A dotted name would merge as a new top-level key and change nothing; say how to write it instead.
      const dotted = dottedKeys(clean);
      if (dotted.length > 0) {
        return { ok: false, errors: dotted.map((key) => ({ key, message: `is not a setting name: send nested objects, e.g. ${nestedExample(key)}` })) };
      }
      const nextOverrides = deepMerge(overrides, clean);
      const parsed = configSchema.safeParse(deepMerge(base, nextOverrides));
      // Unknown keys first, so a misspelling is named as such rather than refused for the role.
      const unknown = parsed.success ? [] : parsed.error.issues.filter((i) => i.code === 'unrecognized_keys');
      if (unknown.length > 0) return { ok: false, errors: configIssues(unknown) };
      const refused = [...leaves(clean).keys()].filter((k) => !roleCovers(actor, roleForKey(k)));
      if (refused.length > 0) return { ok: false, errors: refused.map((key) => ({ key, message: 'only IT may change this setting' })) };
      if (!parsed.success) return { ok: false, errors: configIssues(parsed.error.issues) };

      const before = leaves(current as unknown as Json);
      const after = leaves(parsed.data as unknown as Json);
      const changed: SettingChange[] = [];
      // Both sides: a value set back to null (privacy.dpia) drops the keys it had.
      for (const key of new Set([...before.keys(), ...after.keys()])) {
        const from = before.get(key);
        const to = after.get(key);
        if (JSON.stringify(from) !== JSON.stringify(to)) changed.push({ key, from: mask(key, from), to: mask(key, to) });
      }
      if (changed.length === 0) return { ok: true, changed };
      db.transaction(() => {
        write.run(JSON.stringify(nextOverrides), clock.now().toISOString());
        audit.append({ actor, action: 'settings.update', details: { changes: changed } });
      })();
      overrides = nextOverrides;
      current = parsed.data;
      for (const l of listeners) {
        try {
          l(current, changed);
        } catch (e) {
          log.error('settings listener failed', { error: (e as Error).message });
        }
      }
      return { ok: true, changed };
    },

    /** Stored settings this version refused at start and runs without, for the settings screen and health. */
    ignoredAtStart: (): IgnoredSetting[] => ignoredAtStart,

    /** Called after each accepted change, with the new config; for services that cache what they read. */
    onChange(listener: (config: Config, changed: SettingChange[]) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type SettingsStore = ReturnType<typeof createSettingsStore>;
