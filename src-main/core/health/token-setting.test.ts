// Settings changed on the admin screen "apply at once, without a restart" (README). IT setting a bearer
// token for /metrics and the detailed health endpoints must protect them at once; today the accepted
// change is shown as saved while the endpoints stay open until the kiosk restarts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { testTemplateKey } from '../../test-support/template-key.js';
import { readSetupCode } from '../../test-support/setup-code.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

test('a health token set from the admin screen protects /metrics without a restart', async (t) => {
  const dataDir = join(tempDir(), 'data');
  const core = createCore({
    templateKey: testTemplateKey(),
    config: parseConfig({ ...defaults, disk: { ballastMiB: 1 } }),
    dataDir,
    clock: manualClock(new Date('2026-12-07T07:05:00Z')),
    log: silentLogger,
    healthPort: 0,
  });
  await core.start();
  t.after(() => core.stop());
  const metrics = () => fetch(`${core.healthServer.url}/metrics`).then((r) => r.status);
  assert.equal(await metrics(), 200);

  const token = (await core.handlers['admin:setup-pin']({ setupCode: readSetupCode(dataDir), itPin: '908172', officePin: '246810' }, { session: null })) as { token: string };
  const r = await core.handlers['settings:update']({ patch: { health: { token: 'metrics-bearer-7f3a' } } }, { session: { token: token.token, role: 'it' } });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.equal(await metrics(), 401, 'the change was accepted but /metrics is still open');
});
