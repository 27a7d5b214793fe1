// `npm start`: bundles the main process and opens the kiosk in Electron. Where Electron's runtime
// cannot be fetched (closed networks, CI), it says so and points at `npm run serve`.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-main.ts'], { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

let electronPath: string;
try {
  electronPath = require('electron') as string;
} catch (e) {
  console.error(`Electron's runtime is not available on this machine (${(e as Error).message.split('\n')[0]}).`);
  console.error('Run the same kiosk in any Chromium instead:  npm run serve -- --data-dir ./data');
  process.exit(1);
}
// better-sqlite3 is built for Node (tests, serve); Electron needs it built for its own ABI. This
// rebuild needs Electron's headers, so it works where Electron's runtime could be fetched; run
// `npm rebuild better-sqlite3` afterwards to go back to the Node build for `npm test` and `npm run serve`.
const rebuilt = spawnSync(process.execPath, [require.resolve('electron-builder/cli.js'), 'install-app-deps'], { cwd: root, stdio: 'inherit' });
if (rebuilt.status !== 0) {
  console.error('Could not rebuild better-sqlite3 for Electron; see the output above.');
  process.exit(rebuilt.status ?? 1);
}
const child = spawn(electronPath, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
