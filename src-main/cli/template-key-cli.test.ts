import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { runScript, startServe } from '../../e2e/support/serve-process.js';
import { tempDir } from '../test-support/temp-dir.js';
import { ADMIN_SESSION_HEADER, channels } from '../../src-preload/contract.js';
import { readSetupCode } from '../test-support/setup-code.js';

test('the kiosk refuses to start when its template key file can be read by others', async () => {
  const dir = tempDir();
  const keyFile = join(dir, 'template.key');
  writeFileSync(keyFile, randomBytes(32).toString('base64') + '\n');
  chmodSync(keyFile, 0o644);
  const r = await runScript('src-main/serve.ts', ['--data-dir', join(dir, 'data'), '--key-file', keyFile, '--port', '0']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /can be read by group or others \(mode 0644\); run: chmod 600/);
});

test('on first start the serve host creates an owner-only key file outside the data folder and answers privacy status', async () => {
  const dir = tempDir();
  const keyFile = join(dir, 'keys', 'template.key');
  mkdirSync(join(dir, 'data'));
  const serve = await startServe(['--data-dir', join(dir, 'data'), '--key-file', keyFile]);
  try {
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const invoke = (channel: string, body: unknown, headers: Record<string, string> = {}) =>
      fetch(new URL(`/api/invoke/${channel}`, serve.url), { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
    // Privacy status is the office's: the kiosk page without an admin session is refused.
    assert.equal((await invoke('privacy:status', {})).status, 401);
    const setup = (await (await invoke('admin:setup-pin', { setupCode: readSetupCode(join(dir, 'data')), itPin: '908172', officePin: '246810' })).json()) as { token: string };
    const res = await invoke('privacy:status', {}, { [ADMIN_SESSION_HEADER]: setup.token });
    const status = (await res.json()) as { region: string; faceRecognition: boolean; templateKeySource: string; dpiaRequired: boolean };
    assert.equal(status.region, 'GB');
    assert.equal(status.faceRecognition, false);
    assert.equal(status.dpiaRequired, true);
    assert.equal(status.templateKeySource, `key file ${keyFile}`);
  } finally {
    await serve.stop();
  }
});

test('every privacy channel is for the office or IT, never the kiosk page', () => {
  const privacy = Object.entries(channels).filter(([name]) => name.startsWith('privacy:'));
  assert.deepEqual(privacy.map(([name]) => name).sort(), ['privacy:access-export', 'privacy:delete-biometrics', 'privacy:erasure-receipt', 'privacy:pack', 'privacy:status']);
  for (const [, def] of privacy) assert.equal((def as { role?: string }).role, 'office');
});
