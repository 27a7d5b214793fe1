import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { configSchema, type Config } from './schema.js';
import { liftGatewayUrlCredentials } from './stored-settings-repair.js';
import { jsonLogger } from '../log.js';

export class ConfigError extends Error {}

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Objects merge key by key; arrays and scalars in the override replace the default. */
export function deepMerge(base: Json, override: Json): Json {
  if (isObject(base) && isObject(override)) {
    const out: { [k: string]: Json } = { ...base };
    for (const [k, v] of Object.entries(override)) out[k] = k in base ? deepMerge(base[k]!, v) : v;
    return out;
  }
  return override;
}

export function isObject(v: Json): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readJson(path: string): Json {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read config file ${path}: ${(e as Error).message}`);
  }
  try {
    return JSON.parse(text) as Json;
  } catch (e) {
    throw new ConfigError(`Config file ${path} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * One entry per offending key, named by its dotted path. Zod reports unknown keys once per object,
 * at the object's path; each is named on its own so a misspelling points at itself.
 */
export function configIssues(issues: z.core.$ZodIssue[]): Array<{ key: string; message: string }> {
  return issues.flatMap((i) =>
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ key: [...i.path, k].join('.'), message: 'is not a setting' }))
      : [{ key: i.path.join('.') || '(root)', message: i.message }],
  );
}

/** Validates a merged config object; the error names every offending key. */
export function parseConfig(raw: unknown, source = 'config'): Config {
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  const lines = configIssues(result.error.issues).map((i) => `  ${i.key}: ${i.message}`);
  throw new ConfigError(`Invalid ${source}:\n${lines.join('\n')}`);
}

/**
 * The loader runs before the log file is open (its folder comes from the config), so its warnings go
 * to stderr, the journal, by default.
 */
export function loadConfig(opts: { defaultsPath: string; overridePath?: string; warn?: (msg: string) => void }): Config {
  const warn = opts.warn ?? ((msg: string) => jsonLogger().warn(msg));
  const defaults = readJson(opts.defaultsPath);
  if (!opts.overridePath) return parseConfig(defaults, opts.defaultsPath);
  let override = readJson(opts.overridePath);
  if (!isObject(override)) throw new ConfigError(`Config file ${opts.overridePath} must hold a JSON object`);
  // A file an earlier version started with must still start this one.
  const lifted = liftGatewayUrlCredentials(override);
  if (lifted.lifted) {
    warn(`${opts.overridePath}: sms.androidGateway.url holds a user name and password; they are used as sms.androidGateway.username and .password (move them there)`);
    override = lifted.doc;
  }
  return parseConfig(deepMerge(defaults, override), opts.overridePath);
}

/** Secrets may come from the environment so they need not sit in a file. */
export function applyEnvironment(cfg: Config, env: NodeJS.ProcessEnv): Config {
  const gw = { ...cfg.sms.androidGateway };
  if (env.ROLLCALL_SMS_GATEWAY_URL) gw.url = env.ROLLCALL_SMS_GATEWAY_URL;
  if (env.ROLLCALL_SMS_GATEWAY_USERNAME) gw.username = env.ROLLCALL_SMS_GATEWAY_USERNAME;
  if (env.ROLLCALL_SMS_GATEWAY_PASSWORD) gw.password = env.ROLLCALL_SMS_GATEWAY_PASSWORD;
  if (env.ROLLCALL_SMS_WEBHOOK_SIGNING_KEY) gw.webhookSigningKey = env.ROLLCALL_SMS_WEBHOOK_SIGNING_KEY;
  const twilio = { ...cfg.sms.twilio };
  if (env.ROLLCALL_TWILIO_ACCOUNT_SID) twilio.accountSid = env.ROLLCALL_TWILIO_ACCOUNT_SID;
  if (env.ROLLCALL_TWILIO_AUTH_TOKEN) twilio.authToken = env.ROLLCALL_TWILIO_AUTH_TOKEN;
  const lifted = liftGatewayUrlCredentials({ sms: { androidGateway: gw } } as unknown as Json);
  if (lifted.lifted) {
    jsonLogger().warn('ROLLCALL_SMS_GATEWAY_URL holds a user name and password; set ROLLCALL_SMS_GATEWAY_USERNAME and _PASSWORD instead');
    Object.assign(gw, (lifted.doc as { sms: { androidGateway: typeof gw } }).sms.androidGateway);
  }
  return parseConfig({ ...cfg, sms: { ...cfg.sms, androidGateway: gw, twilio } }, 'config with environment');
}
