// Authenticity of an update, on top of electron-updater's sha512 (which only proves the download
// matches the metadata fetched over the same channel). The release machine signs the version and
// every file entry (url, sha512, size) of latest.yml with Ed25519; the kiosk verifies with the
// public key from its config before it downloads and again before it installs. The deprecated
// top-level `sha512`/`path` are not signed: the downloader trusts files[] only.
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

export const SIGNATURE_FIELD = 'rollcallSignature';

export interface ReleaseFile {
  url: string;
  sha512: string;
  size?: number;
}

export interface ReleaseInfo {
  version: string;
  files: readonly ReleaseFile[];
  [SIGNATURE_FIELD]?: string;
}

/** The exact bytes that are signed: a fixed prefix, then the entries in order with fixed keys. */
export function signedPayload(info: ReleaseInfo): Buffer {
  const body = {
    version: info.version,
    files: info.files.map((f) => ({ url: f.url, sha512: f.sha512, size: f.size ?? null })),
  };
  return Buffer.from(`rollcall-release-v1\n${JSON.stringify(body)}`, 'utf8');
}

export function signRelease(info: ReleaseInfo, privateKeyPem: string | KeyObject): string {
  const key = typeof privateKeyPem === 'string' ? createPrivateKey(privateKeyPem) : privateKeyPem;
  return sign(null, signedPayload(info), key).toString('base64');
}

export type SignatureCheck = { valid: true } | { valid: false; reason: string };

export function verifyRelease(info: ReleaseInfo, publicKeyPem: string): SignatureCheck {
  const signature = info[SIGNATURE_FIELD];
  if (typeof signature !== 'string' || !signature) return { valid: false, reason: 'release is not signed' };
  if (!Array.isArray(info.files) || info.files.length === 0) return { valid: false, reason: 'release lists no files' };
  let key: KeyObject;
  try {
    key = createPublicKey(publicKeyPem);
  } catch {
    return { valid: false, reason: 'update.publicKey is not a valid public key' };
  }
  if (key.asymmetricKeyType !== 'ed25519') return { valid: false, reason: 'update.publicKey is not an Ed25519 key' };
  const ok = verify(null, signedPayload(info), key, Buffer.from(signature, 'base64'));
  return ok ? { valid: true } : { valid: false, reason: 'signature does not match the release' };
}

export function generateReleaseKeyPair(): { publicKeyPem: string; privateKeyPem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  return {
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  };
}
