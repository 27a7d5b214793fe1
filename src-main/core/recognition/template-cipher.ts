// Face templates are sealed with AES-256-GCM before they reach the database, so a copied database
// file (or a backup of it) holds no usable face data without the key, which never lives beside it.
// The student and model are authenticated with each template: a row moved to another student or
// relabelled as another model fails to open instead of matching the wrong child.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

const FORMAT = 1;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const TEMPLATE_KEY_BYTES = 32;

export class TemplateKeyError extends Error {}

export interface TemplateCipher {
  seal(vector: Buffer, studentId: number, modelId: string): Buffer;
  /** Throws TemplateKeyError when the key is wrong or the row was altered or moved. */
  open(sealed: Buffer, studentId: number, modelId: string): Buffer;
  /**
   * A keyed fingerprint for recognising the same template on re-import. Keyed so the database does not
   * carry a plain hash of each face vector that could be confirmed against a guess.
   */
  fingerprint(vector: Buffer): string;
}

function associatedData(studentId: number, modelId: string): Buffer {
  return Buffer.from(`rollcall-template:v${FORMAT}:${studentId}:${modelId}`, 'utf8');
}

export function createTemplateCipher(masterKey: Buffer, random: (n: number) => Buffer = randomBytes): TemplateCipher {
  if (masterKey.length !== TEMPLATE_KEY_BYTES) throw new TemplateKeyError(`The template key must be ${TEMPLATE_KEY_BYTES} bytes, got ${masterKey.length}`);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), info, 32));
  const encryptionKey = derive('rollcall template encryption v1');
  const fingerprintKey = derive('rollcall template fingerprint v1');

  return {
    seal(vector, studentId, modelId) {
      const nonce = random(NONCE_BYTES);
      const cipher = createCipheriv('aes-256-gcm', encryptionKey, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(associatedData(studentId, modelId));
      const body = Buffer.concat([cipher.update(vector), cipher.final()]);
      return Buffer.concat([Buffer.from([FORMAT]), nonce, cipher.getAuthTag(), body]);
    },
    open(sealed, studentId, modelId) {
      if (sealed.length < 1 + NONCE_BYTES + TAG_BYTES || sealed[0] !== FORMAT) throw new TemplateKeyError('Not a sealed template');
      const nonce = sealed.subarray(1, 1 + NONCE_BYTES);
      const tag = sealed.subarray(1 + NONCE_BYTES, 1 + NONCE_BYTES + TAG_BYTES);
      const decipher = createDecipheriv('aes-256-gcm', encryptionKey, nonce, { authTagLength: TAG_BYTES });
      decipher.setAAD(associatedData(studentId, modelId));
      decipher.setAuthTag(tag);
      try {
        return Buffer.concat([decipher.update(sealed.subarray(1 + NONCE_BYTES + TAG_BYTES)), decipher.final()]);
      } catch {
        throw new TemplateKeyError('A face template does not open with this key (wrong key, or the row was altered)');
      }
    },
    fingerprint(vector) {
      return createHmac('sha256', fingerprintKey).update(vector).digest('hex').slice(0, 32);
    },
  };
}
