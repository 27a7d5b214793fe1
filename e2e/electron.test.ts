// The kiosk window in real Electron. Electron's runtime is fetched on first start, which a closed
// network cannot do, so this runs only where the binary is already present and says so otherwise.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { _electron as electron } from 'playwright';
import { repoRoot } from './support/fixtures.js';
import { tempDir } from '../src-main/test-support/temp-dir.js';

function electronBinary(): string | null {
  const pkg = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = electronBinary();
const skip = binary ? false : "Electron's runtime binary is not installed on this machine (it cannot be downloaded here); the Electron window test is skipped";
if (skip) console.log(`# skipped: ${skip}`);

test('the Electron kiosk opens full screen with the contract bridge and no Node in the page', { skip, timeout: 120_000 }, async () => {
  const built = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-main.ts'], { cwd: repoRoot, encoding: 'utf8' });
  assert.equal(built.status, 0, built.stderr);
  const app = await electron.launch({
    executablePath: binary!,
    args: [repoRoot],
    env: { ...process.env, ROLLCALL_DATA_DIR: tempDir() },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForSelector('[data-testid="status-bar"]');
    assert.equal(await page.evaluate(() => typeof (window as unknown as { kiosk?: unknown }).kiosk), 'object');
    assert.equal(await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require), 'undefined');
    assert.ok(page.url().startsWith('app://kiosk/'));
  } finally {
    await app.close();
  }
});
