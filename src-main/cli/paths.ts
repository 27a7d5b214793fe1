import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository (or unpacked app) root, found from this file so commands work from any folder. */
export const appRoot = fileURLToPath(new URL('../../', import.meta.url));
export const defaultConfigPath = join(appRoot, 'config', 'default.json');
export const rendererDir = join(appRoot, 'dist-renderer');
