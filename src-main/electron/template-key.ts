// Electron's template key: 32 random bytes wrapped by safeStorage (DPAPI on Windows, the Keychain on
// macOS, the Secret Service on Linux), so the file on disk is useless without the OS user's keystore.
// Linux without a keyring falls back to a fixed password ("basic_text"); that is refused rather than
// pretending to protect anything: set ROLLCALL_TEMPLATE_KEY or ROLLCALL_TEMPLATE_KEY_FILE instead.
import { safeStorage } from 'electron';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { keyFileProvider, keyFromEnvironment, TemplateKeySetupError, type TemplateKeyProvider } from '../core/privacy/template-key.js';
import { TEMPLATE_KEY_BYTES } from '../core/recognition/template-cipher.js';

export function safeStorageKeyProvider(wrappedKeyFile: string): TemplateKeyProvider {
  return {
    source: `OS keystore (safeStorage), wrapped key ${wrappedKeyFile}`,
    load() {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new TemplateKeySetupError('The OS keystore is not available; set ROLLCALL_TEMPLATE_KEY or ROLLCALL_TEMPLATE_KEY_FILE');
      }
      if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
        throw new TemplateKeySetupError('No keyring is running (safeStorage would use a fixed password); set ROLLCALL_TEMPLATE_KEY or ROLLCALL_TEMPLATE_KEY_FILE');
      }
      if (!existsSync(wrappedKeyFile)) {
        const key = randomBytes(TEMPLATE_KEY_BYTES);
        mkdirSync(dirname(wrappedKeyFile), { recursive: true });
        writeFileSync(wrappedKeyFile, safeStorage.encryptString(key.toString('base64')), { mode: 0o600, flag: 'wx' });
        return key;
      }
      const key = Buffer.from(safeStorage.decryptString(readFileSync(wrappedKeyFile)), 'base64');
      if (key.length !== TEMPLATE_KEY_BYTES) throw new TemplateKeySetupError(`${wrappedKeyFile} does not hold a template key`);
      return key;
    },
  };
}

/** The environment wins (IT may manage the key centrally); otherwise the OS keystore. */
export function electronKeyProvider(opts: { env: NodeJS.ProcessEnv; dataDir: string; wrappedKeyFile: string }): TemplateKeyProvider {
  if (opts.env.ROLLCALL_TEMPLATE_KEY) return keyFromEnvironment(opts.env.ROLLCALL_TEMPLATE_KEY);
  if (opts.env.ROLLCALL_TEMPLATE_KEY_FILE) return keyFileProvider(opts.env.ROLLCALL_TEMPLATE_KEY_FILE, { dataDir: opts.dataDir });
  return safeStorageKeyProvider(opts.wrappedKeyFile);
}
