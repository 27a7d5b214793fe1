// latest*.yml as electron-updater reads it, parsed and written with electron-updater's own YAML
// library (js-yaml, its dependency), so what is signed is exactly what the kiosk will parse.
import { createRequire } from 'node:module';
import { SIGNATURE_FIELD, signRelease, type ReleaseInfo } from '../../src-main/core/update/release-signature.js';

const require = createRequire(import.meta.url);
const yaml = require('js-yaml') as { load(text: string): unknown; dump(value: unknown, opts?: { lineWidth?: number }): string };

export function parseFeed(text: string): ReleaseInfo & Record<string, unknown> {
  const doc = yaml.load(text) as (ReleaseInfo & Record<string, unknown>) | null;
  if (!doc || typeof doc.version !== 'string' || !Array.isArray(doc.files)) throw new Error('not an update feed: needs version and files[]');
  for (const f of doc.files) {
    if (typeof f.url !== 'string' || typeof f.sha512 !== 'string') throw new Error('every files[] entry needs url and sha512');
  }
  return doc;
}

export function writeFeed(doc: Record<string, unknown>): string {
  return yaml.dump(doc, { lineWidth: -1 });
}

/** The feed with its Ed25519 signature over version and files[] added (or replaced). */
export function signFeed(text: string, privateKeyPem: string): string {
  const doc = parseFeed(text);
  delete doc[SIGNATURE_FIELD];
  return writeFeed({ ...doc, [SIGNATURE_FIELD]: signRelease(doc, privateKeyPem) });
}
