// After packaging: every native module in the app was built for Electron's ABI, not Node's.
//   npm run check:native-abi -- [release/linux-unpacked/resources/app.asar.unpacked] [--abi 150]
// The ABI defaults to the installed Electron's (node_modules/electron/abi_version). Exits 1 on any
// addon built for another ABI, 2 when there is nothing to check.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { checkAddons } from './native-abi/abi.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const a = args.indexOf('--abi');
const expected = a >= 0 ? Number(args[a + 1]) : Number(readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8').trim());
const dir = args.find((x, i) => !x.startsWith('--') && (a < 0 || i !== a + 1)) ?? join(root, 'release', 'linux-unpacked', 'resources', 'app.asar.unpacked');
if (!Number.isInteger(expected) || expected <= 0) {
  console.error('no Electron ABI to check against (give --abi N)');
  process.exit(2);
}
if (!existsSync(dir)) {
  console.error(`${dir} does not exist: package the app first (npm run package:dir)`);
  process.exit(2);
}
const reports = checkAddons(dir, expected);
if (reports.length === 0) {
  console.error(`no native addons under ${dir}`);
  process.exit(2);
}
for (const r of reports) {
  const built = r.abi.kind === 'napi' ? 'N-API (any ABI)' : r.abi.kind === 'v8' ? `ABI ${r.abi.abi}` : 'not an addon';
  console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.file}: ${built}${r.ok ? '' : `, Electron needs ABI ${expected}`}`);
}
const bad = reports.filter((r) => !r.ok);
if (bad.length) {
  console.error(`${bad.length} native module(s) were built for another runtime; rebuild them for Electron (electron-builder install-app-deps with Electron's headers) before shipping`);
  process.exit(1);
}
