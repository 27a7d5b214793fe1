// Failing test: the first-run setup code sits in an owner-only file because knowing it is the proof
// of access to the machine; the same code must not be readable elsewhere by other accounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { fileLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { testTemplateKey } from '../../test-support/template-key.js';
import { SETUP_CODE_FILE } from './setup-code.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

test('a freshly installed kiosk keeps its setup code out of files other accounts on the machine can read', async () => {
  const dataDir = tempDir();
  const log = await fileLogger({ dir: join(dataDir, 'logs') });
  const core = createCore({ templateKey: testTemplateKey(), config: parseConfig({ ...defaults, disk: { ballastMiB: 1 } }), dataDir, clock: manualClock(new Date('2026-12-07T07:00:00Z')), log });
  await core.start();
  await core.stop();
  await log.close();

  const code = /^(\d{8})$/m.exec(readFileSync(join(dataDir, SETUP_CODE_FILE), 'utf8'))![1]!;
  assert.equal(statSync(join(dataDir, SETUP_CODE_FILE)).mode & 0o077, 0, 'the code file is owner-only');
  const logs = readdirSync(join(dataDir, 'logs')).map((f) => join(dataDir, 'logs', f));
  const readableByOthers = logs.filter((f) => readFileSync(f, 'utf8').includes(code) && (statSync(f).mode & 0o077) !== 0);
  assert.deepEqual(readableByOthers.map((f) => `${f} mode ${(statSync(f).mode & 0o777).toString(8)}`), []);
});
