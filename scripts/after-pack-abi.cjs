// electron-builder afterPack hook of the release build: stops the build when a packaged native
// module was built for another ABI than Electron's (the rebuild can silently produce a Node build).
// CommonJS because electron-builder require()s its hooks; the check itself is scripts/check-native-abi.ts.
const { spawnSync } = require('node:child_process');
const { existsSync } = require('node:fs');
const path = require('node:path');

exports.default = async function checkNativeAbi(context) {
  const resources = context.electronPlatformName === 'darwin'
    ? path.join(context.appOutDir, `${context.packager.appInfo.productFilename}.app`, 'Contents', 'Resources')
    : path.join(context.appOutDir, 'resources');
  const unpacked = path.join(resources, 'app.asar.unpacked');
  if (!existsSync(unpacked)) throw new Error(`no ${unpacked}: native modules must be unpacked from the asar`);
  const root = path.join(__dirname, '..');
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'scripts', 'check-native-abi.ts'), unpacked], { cwd: root, encoding: 'utf8' });
  process.stdout.write(run.stdout);
  if (run.status !== 0) throw new Error(`native module ABI check failed:\n${run.stdout}${run.stderr}`);
};
