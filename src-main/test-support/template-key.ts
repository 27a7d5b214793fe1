import { randomBytes } from 'node:crypto';
import type { TemplateKeyProvider } from '../core/privacy/template-key.js';

/** A fresh in-memory template key for one test (real AES-GCM, just not persisted). */
export function testTemplateKey(key: Buffer = randomBytes(32)): TemplateKeyProvider & { key: Buffer } {
  return { source: 'test key', key, load: () => key };
}
