// Bundles the Electron main process and preload into dist-main/ (CommonJS, as Electron loads them).
// Native and browser-driving modules stay external and are resolved from node_modules at run time.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, target: 'node20', absWorkingDir: root, logLevel: 'warning' as const };

await build({ ...common, entryPoints: ['src-main/main.ts'], outfile: 'dist-main/main.cjs', external: ['electron', 'better-sqlite3', 'playwright'] });
await build({ ...common, entryPoints: ['src-preload/electron.ts'], outfile: 'dist-main/preload.cjs', external: ['electron'] });
// The report worker (src-main/core/attendance/report-runner.ts reads it beside main.cjs); better-sqlite3 comes by path.
await build({ ...common, entryPoints: ['src-main/core/attendance/report-worker.ts'], outfile: 'dist-main/report-worker.cjs', external: ['better-sqlite3'] });
console.log('built dist-main/main.cjs, dist-main/preload.cjs and dist-main/report-worker.cjs');
