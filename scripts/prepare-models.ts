// Prepares the detector models, the face-recognition weights and the WASM runtimes under assets/ from
// installed npm packages (see scripts/models/asset-plan.ts). Runs at `npm install` and as
// `npm run prepare-models [-- --out DIR]`. Quick when nothing changed.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assetPlan } from './models/asset-plan.js';
import { prepareAssets } from './models/prepare-assets.js';

const usage = 'usage: prepare-models [--out DIR]   (default: assets/ in the project folder)';

function outDirFromArgs(args: string[]): string {
  if (args.length === 0) return fileURLToPath(new URL('../assets/', import.meta.url));
  const [flag, dir, ...rest] = args;
  if (flag !== '--out' || !dir || rest.length > 0) throw new Error(`unexpected arguments: ${args.join(' ')}\n${usage}`);
  return resolve(dir);
}

try {
  const outDir = outDirFromArgs(process.argv.slice(2));
  prepareAssets({ outDir, plan: assetPlan, resolveFrom: import.meta.url, log: (line) => console.log(line) });
} catch (err) {
  console.error(`prepare-models: ${(err as Error).message}`);
  process.exitCode = 1;
}
