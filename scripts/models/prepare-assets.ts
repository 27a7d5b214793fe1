// Produces the asset files a plan asks for and records them in models/manifest.json: each output's
// sha256, and the package, version, source hash and recipe it came from. An output whose record
// still matches its source and its own bytes is left alone, so a second run writes nothing.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import type { AssetRule } from './asset-plan.js';
import { findInstalledPackage } from './installed-package.js';

export const MANIFEST_PATH = 'models/manifest.json';
const COPY = 'copy';

export interface ManifestEntry {
  sha256: string;
  bytes: number;
  /** package@version/path inside the package */
  source: string;
  sourceSha256: string;
  recipe: string;
}

export interface Manifest {
  generatedBy: string;
  files: Record<string, ManifestEntry>;
}

export interface PrepareOptions {
  outDir: string;
  plan: AssetRule[];
  /** Where packages are looked up from (a file path or file: URL), normally the script's own. */
  resolveFrom: string | URL;
  log: (line: string) => void;
}

interface Job {
  target: string;
  sourceFile: string;
  source: string;
  rule: AssetRule;
}

export function prepareAssets({ outDir, plan, resolveFrom, log }: PrepareOptions): Manifest {
  // Every source is located before anything is written, so a missing package leaves no half state.
  const jobs = plan.flatMap((rule) => jobsFor(rule, resolveFrom));
  const manifestFile = join(outDir, MANIFEST_PATH);
  const previous = readManifest(manifestFile, log);
  const manifest: Manifest = { generatedBy: 'scripts/prepare-models.ts', files: {} };

  for (const job of jobs) {
    const input = new Uint8Array(readFileSync(job.sourceFile));
    const sourceSha256 = sha256(input);
    const { recipe: transform } = job.rule;
    const recipe = transform?.id ?? COPY;
    const outFile = join(outDir, job.target);
    const old = previous?.files[job.target];
    if (old && old.source === job.source && old.sourceSha256 === sourceSha256 && old.recipe === recipe && fileSha256(outFile) === old.sha256) {
      manifest.files[job.target] = old;
      log(`up to date  ${job.target}`);
      continue;
    }
    const output = transform ? withContext(job.source, () => transform.apply(input, job.sourceFile)) : input;
    writeAtomically(outFile, output);
    manifest.files[job.target] = { sha256: sha256(output), bytes: output.length, source: job.source, sourceSha256, recipe };
    log(`wrote       ${job.target}  (${output.length.toLocaleString('en')} bytes, ${recipe} of ${job.source})`);
  }

  const text = JSON.stringify(manifest, null, 2) + '\n';
  if (!existsSync(manifestFile) || readFileSync(manifestFile, 'utf8') !== text) writeAtomically(manifestFile, new TextEncoder().encode(text));
  return manifest;
}

function jobsFor(rule: AssetRule, resolveFrom: string | URL): Job[] {
  const pkg = findInstalledPackage(rule.pkg, resolveFrom);
  const folder = join(pkg.dir, rule.from);
  const names = Array.isArray(rule.files) ? rule.files : filesIn(folder, rule.files, `${rule.pkg}@${pkg.version}`);
  return names.map((name) => {
    const sourceFile = join(folder, name);
    const source = `${pkg.name}@${pkg.version}/${posix.join(rule.from, name)}`;
    if (!existsSync(sourceFile)) throw new Error(`${source} is missing from the installed package; reinstall it ("npm ci")`);
    return { target: posix.join(rule.to, name), sourceFile, source, rule };
  });
}

function filesIn(folder: string, pattern: RegExp, label: string): string[] {
  const names = existsSync(folder) ? readdirSync(folder).filter((n) => pattern.test(n) && statSync(join(folder, n)).isFile()) : [];
  if (names.length === 0) throw new Error(`${label} has no files matching ${pattern} in ${folder}; reinstall it ("npm ci")`);
  return names.sort();
}

function readManifest(file: string, log: (line: string) => void): Manifest | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  } catch (err) {
    log(`${MANIFEST_PATH} is unreadable (${(err as Error).message}); rebuilding every file`);
    return undefined;
  }
}

function withContext<T>(source: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    throw new Error(`${source}: ${(err as Error).message}`);
  }
}

// A run interrupted half-way must not leave a truncated model that looks current.
function writeAtomically(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}

function fileSha256(file: string): string | undefined {
  return existsSync(file) ? sha256(readFileSync(file)) : undefined;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
