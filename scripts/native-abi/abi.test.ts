import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { addonAbi, checkAddons } from './abi.js';
import { tempDir } from '../../src-main/test-support/temp-dir.js';

const require = createRequire(import.meta.url);
const nodeBuild = join(require.resolve('better-sqlite3/package.json'), '..', 'build', 'Release', 'better_sqlite3.node');

test('the ABI is read from the addon binary itself', () => {
  assert.deepEqual(addonAbi(readFileSync(nodeBuild)), { kind: 'v8', abi: Number(process.versions.modules) }, 'the better-sqlite3 here is the Node build tests use');
  assert.deepEqual(addonAbi(Buffer.from('\x7fELF....napi_register_module_v1\0')), { kind: 'napi' });
  assert.deepEqual(addonAbi(Buffer.from('\x7fELF....sqlite3_extension_init\0')), { kind: 'not-an-addon' });
});

test('a Node build in a folder named for Electronʼs ABI is caught; N-API addons pass', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'node_modules', 'better-sqlite3', 'bin', 'linux-x64-150'), { recursive: true });
  copyFileSync(nodeBuild, join(dir, 'node_modules', 'better-sqlite3', 'bin', 'linux-x64-150', 'better-sqlite3.node'));
  mkdirSync(join(dir, 'node_modules', 'napi-thing'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', 'napi-thing', 'thing.node'), 'napi_register_module_v1');
  const reports = checkAddons(dir, 150);
  assert.deepEqual(reports.map((r) => [r.file, r.ok]).sort(), [
    ['node_modules/better-sqlite3/bin/linux-x64-150/better-sqlite3.node', false],
    ['node_modules/napi-thing/thing.node', true],
  ]);
  const cli = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-native-abi.ts', dir], { encoding: 'utf8' });
  assert.equal(cli.status, 1, cli.stdout + cli.stderr);
  assert.match(cli.stdout, /FAIL node_modules\/better-sqlite3\/bin\/linux-x64-150\/better-sqlite3.node: ABI 115, Electron needs ABI 150/);
  const ok = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/check-native-abi.ts', dir, '--abi', process.versions.modules], { encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stdout + ok.stderr);
});
