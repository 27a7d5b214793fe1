// Runs every *.test.ts under the source folders with Node's test runner and ends with the one line
// CI reads: "N passed, N failed". `--unit` leaves out the browser tests in e2e/.
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const unitOnly = process.argv.includes('--unit');
const roots = unitOnly ? ['src-main', 'src-preload', 'scripts', 'e2e/vision-unit'] : ['src-main', 'src-preload', 'scripts', 'e2e'];

function find(dir: string): string[] {
  let out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(find(p));
    else if (name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const files = roots.flatMap((r) => find(r)).sort();
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', '--test-reporter-destination=stdout', '--test-reporter=tap', '--test-reporter-destination=test-results.tap', ...files],
  { stdio: 'inherit' },
);
child.on('exit', async (code) => {
  const { readFileSync } = await import('node:fs');
  const tap = readFileSync('test-results.tap', 'utf8');
  const count = (k: string) => Number(new RegExp(`^# ${k} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skipped = count('skipped');
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(code ?? 1);
});
