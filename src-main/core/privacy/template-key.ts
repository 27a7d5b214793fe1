// Where the template key comes from. It must never sit beside the database: a copied data folder or a
// backup then holds sealed templates only. The serve host reads an environment variable or a key file
// kept outside the data folder with owner-only permissions; Electron wraps it with safeStorage
// (src-main/electron/template-key.ts).
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, realpathSync, statSync, writeSync } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path';
import { TEMPLATE_KEY_BYTES } from '../recognition/template-cipher.js';

export interface TemplateKeyProvider {
  /** Where the key is kept, for logs and the IT status screen; never the key itself. */
  readonly source: string;
  load(): Buffer;
}

export class TemplateKeySetupError extends Error {}

function decodeKey(text: string, where: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== TEMPLATE_KEY_BYTES || key.toString('base64') !== text.trim()) {
    throw new TemplateKeySetupError(`${where} must hold ${TEMPLATE_KEY_BYTES} bytes in base64 (e.g. from: openssl rand -base64 32)`);
  }
  return key;
}

export function keyFromEnvironment(value: string): TemplateKeyProvider {
  return { source: 'environment variable ROLLCALL_TEMPLATE_KEY', load: () => decodeKey(value, 'ROLLCALL_TEMPLATE_KEY') };
}

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * A base64 key file, created with mode 0600 on first use. A file that group or others can read is
 * refused rather than used, and so is one inside the data folder (it would travel with every copy).
 */
export function keyFileProvider(file: string, opts: { dataDir: string; random?: (n: number) => Buffer }): TemplateKeyProvider {
  const path = resolve(file);
  return {
    source: `key file ${path}`,
    load() {
      const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
      if (inside(real(opts.dataDir), join(real(dirname(path)), basename(path)))) {
        throw new TemplateKeySetupError(`The template key file ${path} must not be inside the data folder ${opts.dataDir}; keep it elsewhere (see --key-file)`);
      }
      if (!existsSync(path)) {
        mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
        const key = (opts.random ?? randomBytes)(TEMPLATE_KEY_BYTES);
        const fd = openSync(path, 'wx', 0o600);
        try {
          writeSync(fd, key.toString('base64') + '\n');
          fsyncSync(fd);
        } finally {
          closeSync(fd);
        }
        return key;
      }
      if (process.platform !== 'win32') {
        const mode = statSync(path).mode & 0o777;
        if (mode & 0o077) {
          throw new TemplateKeySetupError(
            `The template key file ${path} can be read by group or others (mode ${mode.toString(8).padStart(4, '0')}); run: chmod 600 ${path}`,
          );
        }
      }
      return decodeKey(readFileSync(path, 'utf8'), `The template key file ${path}`);
    },
  };
}

/** The per-user default: one key per data folder, under the user's config directory. */
export function defaultKeyFile(dataDir: string, env: NodeJS.ProcessEnv, home: string): string {
  const base = env.XDG_CONFIG_HOME || join(home, '.config');
  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  return join(base, 'rollcall', 'template-keys', `${id}.key`);
}

/** The serve host's choice: --key-file, then ROLLCALL_TEMPLATE_KEY, then ROLLCALL_TEMPLATE_KEY_FILE, then the default file. */
export function serveKeyProvider(opts: { keyFile?: string; env: NodeJS.ProcessEnv; dataDir: string; home: string }): TemplateKeyProvider {
  if (opts.keyFile) return keyFileProvider(opts.keyFile, { dataDir: opts.dataDir });
  if (opts.env.ROLLCALL_TEMPLATE_KEY) return keyFromEnvironment(opts.env.ROLLCALL_TEMPLATE_KEY);
  const file = opts.env.ROLLCALL_TEMPLATE_KEY_FILE || defaultKeyFile(opts.dataDir, opts.env, opts.home);
  return keyFileProvider(file, { dataDir: opts.dataDir });
}
