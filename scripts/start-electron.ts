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
const child = spawn(electronPath, [root, ...process.argv.slice(2)], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 1));
