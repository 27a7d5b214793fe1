// electron-builder, for real, against a stand-in Electron distribution (electron.md 6.4): Electron's
// runtime cannot be downloaded here, but electron-builder packs any unpacked Electron folder given
// as electronDist. This validates the config (schema, release fuses), the asar layout (only what
// the app runs, native module unpacked, no build intermediates) and app-update.yml.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../src-main/test-support/temp-dir.js';
import { checkAddons } from './native-abi/abi.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Bounds each electron-builder run; one takes ~15 s here, ~50 s on a cold cache. */
const BUILDER_TIMEOUT_MS = 180_000;

function builderCli(): string | null {
  try {
    return require.resolve('electron-builder/cli.js');
  } catch {
    return null;
  }
}

const cli = builderCli();
const rendererBuilt = existsSync(join(root, 'dist-renderer', 'index.html'));
const skip = !cli ? 'electron-builder is not installed' : !rendererBuilt ? 'the renderer is not built (npm run build:renderer); the packaging test is skipped' : false;
if (skip) console.log(`# skipped: ${skip}`);

/** An unpacked "Electron" with the files electron-builder copies, and a fuse wire to flip. */
function standInElectron(dir: string): void {
  mkdirSync(join(dir, 'locales'), { recursive: true });
  mkdirSync(join(dir, 'resources'), { recursive: true });
  // Electron's own defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on,
  // asar integrity off, only-asar off, V8 snapshot off, file:// privileges on.
  writeFileSync(join(dir, 'electron'), `#!/bin/sh\necho "stand-in Electron: cannot run"\nexit 1\n# ${FUSE_SENTINEL}\x01\x0810110001\n`, 'latin1');
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'LICENSE'), 'stand-in');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
}

function runBuilder(args: string[]) {
  return spawnSync(process.execPath, [cli!, ...args], {
    cwd: root, encoding: 'utf8', timeout: BUILDER_TIMEOUT_MS,
    env: { ...process.env, ROLLCALL_UPDATE_URL: 'http://127.0.0.1:8089/rollcall', ELECTRON_BUILDER_OFFLINE: '1', CI: '1' },
  });
}

test('the release build refuses a Node-built addon, packs only the app, unpacks the SQLite addon, flips the fuses and writes app-update.yml', { skip, timeout: 2 * BUILDER_TIMEOUT_MS + 60_000 }, async (t) => {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-main.ts'], { cwd: root, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const work = tempDir('rollcall-package-');
  const dist = join(work, 'electron-dist');
  const out = join(work, 'out');
  standInElectron(dist);

  // The release build's own ABI guard (afterPack) must refuse the Node build of better-sqlite3 this
  // machine has; the layout is then checked with the guard replaced by a no-op hook.
  const guarded = runBuilder(['--linux', 'dir', '--config', 'electron-builder.release.yml', `-c.electronDist=${dist}`, `-c.directories.output=${join(work, 'guarded')}`, '-c.npmRebuild=false', '--publish', 'never']);
  const guardLog = `${guarded.stdout}\n${guarded.stderr}`;
  if (guarded.status !== 0 && /ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(guardLog)) {
    t.skip(`electron-builder needed the network, which this machine does not have: ${guardLog.split('\n').find((l) => /ENOTFOUND|getaddrinfo/i.test(l))}`);
    return;
  }
  assert.notEqual(guarded.status, 0, 'the release build stops on a native module built for Node');
  assert.match(guardLog, /FAIL node_modules\/better-sqlite3\/build\/Release\/better_sqlite3\.node: ABI \d+, Electron needs ABI \d+/);

  const noop = join(work, 'no-abi-check.cjs');
  writeFileSync(noop, 'exports.default = async () => {};\n');
  const run = runBuilder(['--linux', 'dir', '--config', 'electron-builder.release.yml', `-c.electronDist=${dist}`, `-c.directories.output=${out}`, '-c.npmRebuild=false', `-c.afterPack=${noop}`, '--publish', 'never']);
  const log = `${run.stdout}\n${run.stderr}`;
  if (run.status !== 0 && /ENOTFOUND|EAI_AGAIN|getaddrinfo|ECONNREFUSED|network/i.test(log)) {
    t.skip(`electron-builder needed the network, which this machine does not have: ${log.split('\n').find((l) => /ENOTFOUND|getaddrinfo|network/i.test(l))}`);
    return;
  }
  assert.equal(run.error, undefined, `electron-builder did not finish within ${BUILDER_TIMEOUT_MS / 1000} s`);
  assert.equal(run.status, 0, log);
  assert.match(log, /using custom unpacked Electron distribution/);

  const app = join(out, 'linux-unpacked');
  const resources = join(app, 'resources');
  assert.ok(existsSync(join(app, 'rollcall')), 'the executable is named rollcall (the systemd unit starts it)');

  const asar = require('@electron/asar') as { listPackage(p: string, o: { isPack: boolean }): string[]; statFile(a: string, f: string): { unpacked?: boolean } };
  const entries = asar.listPackage(join(resources, 'app.asar'), { isPack: false }).map((e) => e.replace(/\\/g, '/'));
  for (const needed of ['/package.json', '/config/default.json', '/dist-main/main.cjs', '/dist-main/preload.cjs', '/dist-renderer/index.html', '/node_modules/better-sqlite3/package.json', '/node_modules/bindings/package.json']) {
    assert.ok(entries.includes(needed), `${needed} is in app.asar`);
  }
  const topLevel = new Set(entries.map((e) => e.split('/')[1]));
  assert.deepEqual([...topLevel].sort(), ['config', 'dist-main', 'dist-renderer', 'node_modules', 'package.json']);
  const modules = new Set(entries.filter((e) => e.startsWith('/node_modules/')).map((e) => e.split('/')[2]));
  assert.deepEqual([...modules].sort(), ['better-sqlite3', 'bindings', 'file-uri-to-path'], 'main is bundled; only the addon and its loader ship');
  assert.deepEqual(entries.filter((e) => /\.(map|ts|tsx)$/.test(e) || /\/(src-main|src-renderer|src-preload|e2e|scripts)\//.test(e)), [], 'no sources or maps');
  assert.deepEqual(entries.filter((e) => /better-sqlite3\/(deps|src)\/|obj\.target|\.deps\/|test_extension/.test(e)), [], 'no build intermediates of better-sqlite3');

  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  assert.equal(asar.statFile(join(resources, 'app.asar'), addon).unpacked, true, 'the addon is marked unpacked in the asar');
  assert.ok(existsSync(join(resources, 'app.asar.unpacked', addon)), 'and lies beside it in app.asar.unpacked');

  assert.equal(readFileSync(join(resources, 'app-update.yml'), 'utf8'), 'provider: generic\nurl: http://127.0.0.1:8089/rollcall\nchannel: latest\nupdaterCacheDirName: rollcall-updater\n');

  const fuses = require('@electron/fuses') as { getCurrentFuseWire(p: string): Promise<Record<string, number>>; FuseV1Options: Record<string, number> };
  const ENABLED = '1'.charCodeAt(0);
  const wire = await fuses.getCurrentFuseWire(join(app, 'rollcall'));
  const state = (name: string) => (wire[String(fuses.FuseV1Options[name])] === ENABLED ? 'on' : 'off');
  assert.deepEqual(
    Object.fromEntries(['RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments', 'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'GrantFileProtocolExtraPrivileges'].map((n) => [n, state(n)])),
    { RunAsNode: 'off', EnableCookieEncryption: 'on', EnableNodeOptionsEnvironmentVariable: 'off', EnableNodeCliInspectArguments: 'off', EnableEmbeddedAsarIntegrityValidation: 'on', OnlyLoadAppFromAsar: 'on', GrantFileProtocolExtraPrivileges: 'off' },
  );

  // The rebuild was skipped, so the addon is the Node build the tests use: the ABI guard must say so.
  const electronAbi = Number(readFileSync(join(root, 'node_modules', 'electron', 'abi_version'), 'utf8'));
  const reports = checkAddons(join(resources, 'app.asar.unpacked'), electronAbi);
  assert.deepEqual(reports.map((r) => [r.file, r.abi, r.ok]), [[addon, { kind: 'v8', abi: Number(process.versions.modules) }, false]]);
});

test('electron-builder rejects a config key it does not know, offline', { skip, timeout: 120_000 }, () => {
  const run = runBuilder(['--linux', 'dir', '--config', 'electron-builder.yml', '-c.kioskMode=true', '--publish', 'never']);
  assert.notEqual(run.status, 0);
  assert.match(`${run.stdout}${run.stderr}`, /unknown property 'kioskMode'/);
});
