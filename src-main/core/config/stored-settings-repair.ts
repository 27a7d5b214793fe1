// What an earlier version accepted and this one refuses: the school's settings must stay in force and
// the kiosk must still start. Credentials in the gateway URL (accepted before 472e5c9) move to the
// masked username/password keys; any other offending leaf or list item is dropped alone, named, so
// the rest of the stored settings apply.
import type { z } from 'zod';
import { configIssues, isObject, type Json } from './load.js';

export interface IgnoredSetting {
  key: string;
  message: string;
}

/**
 * `sms.androidGateway.url` with user:password@ becomes the bare URL, and the credentials fill the
 * username/password keys of the same document unless it sets them already. New saves are still
 * refused by the schema; this only carries forward what was stored or written before.
 */
export function liftGatewayUrlCredentials(doc: Json): { doc: Json; lifted: boolean } {
  if (!isObject(doc) || !isObject(doc.sms ?? null) || !isObject((doc.sms as { [k: string]: Json }).androidGateway ?? null)) return { doc, lifted: false };
  const sms = doc.sms as { [k: string]: Json };
  const gw = sms.androidGateway as { [k: string]: Json };
  if (typeof gw.url !== 'string' || !URL.canParse(gw.url)) return { doc, lifted: false };
  const url = new URL(gw.url);
  if (!url.username && !url.password) return { doc, lifted: false };
  const next: { [k: string]: Json } = { ...gw };
  if (!next.username) next.username = decodeURIComponent(url.username);
  if (!next.password) next.password = decodeURIComponent(url.password);
  // Cut by hand: URL's serialiser adds a slash to a bare origin, which the stored form did not have.
  next.url = gw.url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
  return { doc: { ...doc, sms: { ...sms, androidGateway: next } }, lifted: true };
}

type Path = PropertyKey[];

/** A problem inside a list entry drops the entry (lists replace whole, so a half entry is no entry). */
function removalFor(issue: z.core.$ZodIssue): Path[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => [...issue.path, k]);
  let lastIndex = -1;
  issue.path.forEach((p, i) => {
    if (typeof p === 'number') lastIndex = i;
  });
  return [lastIndex >= 0 ? issue.path.slice(0, lastIndex + 1) : issue.path];
}

/** Deeper first and higher indices first, so removing one path never shifts another. */
function laterFirst(a: Path, b: Path): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(a[i]) < String(b[i]) ? -1 : 1;
  }
  return b.length - a.length;
}

function removeAt(doc: Json, path: Path): Json {
  if (path.length === 0) return doc;
  const [head, ...rest] = path;
  if (Array.isArray(doc) && typeof head === 'number') {
    if (head >= doc.length) return doc;
    const copy = [...doc];
    if (rest.length === 0) copy.splice(head, 1);
    else copy[head] = removeAt(copy[head]!, rest);
    return copy;
  }
  if (isObject(doc) && typeof head === 'string' && head in doc) {
    const copy = { ...doc };
    if (rest.length === 0) delete copy[head];
    else copy[head] = removeAt(copy[head]!, rest);
    return copy;
  }
  return doc;
}

/**
 * Drops from `overrides` what makes `merged(overrides)` fail `schema`, round by round (dropping an
 * entry's unknown key can reveal nothing more; dropping a leaf can), until it parses or nothing left
 * to drop is in the overrides (the problem is in the file, and the caller falls back to it).
 */
export function dropOffendingOverrides<T>(
  overrides: Json,
  parse: (overrides: Json) => z.ZodSafeParseResult<T>,
): { overrides: Json; result: z.ZodSafeParseResult<T>; ignored: IgnoredSetting[] } {
  const ignored: IgnoredSetting[] = [];
  let result = parse(overrides);
  for (let round = 0; !result.success && round < 20; round++) {
    const issues = result.error.issues;
    const paths = issues.flatMap(removalFor).filter((p) => p.length > 0).sort(laterFirst);
    const next = paths.reduce(removeAt, overrides);
    if (JSON.stringify(next) === JSON.stringify(overrides)) break;
    ignored.push(...configIssues(issues));
    overrides = next;
    result = parse(overrides);
  }
  return { overrides, result, ignored };
}
