// Finds an installed npm package the way Node's resolver does, so the folder layout (hoisting,
// workspaces) is npm's business, not ours.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface InstalledPackage {
  name: string;
  version: string;
  dir: string;
}

/** `from` is the file (path or file: URL) whose point of view is used, normally `import.meta.url`. */
export function findInstalledPackage(name: string, from: string | URL): InstalledPackage {
  const require = createRequire(from);
  const manifest = resolvePackageJson(require, name);
  if (manifest === undefined) {
    throw new Error(`the package ${name} is not installed; run "npm install" in the project folder first`);
  }
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string };
  return { name, version: version ?? 'unknown', dir: dirname(manifest) };
}

function resolvePackageJson(require: NodeJS.Require, name: string): string | undefined {
  try {
    return require.resolve(`${name}/package.json`);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'MODULE_NOT_FOUND') return undefined;
    if (code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw err;
  }
  // Some packages (@mediapipe/tasks-vision) list `exports` without package.json; look in the same
  // folders the resolver would.
  return (require.resolve.paths(name) ?? []).map((dir) => join(dir, name, 'package.json')).find((p) => existsSync(p));
}
