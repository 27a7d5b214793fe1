// In serve mode there is no kiosk shell to leave: the IT channel answers so, in the contract's shape.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../core/app.js';
import { parseConfig } from '../core/config/load.js';
import { silentLogger } from '../core/log.js';
import { manualClock } from '../core/time/clock.js';
import { tempDir } from '../test-support/temp-dir.js';
import { channels } from '../../src-preload/contract.js';
import { testTemplateKey } from '../test-support/template-key.js';

const defaults = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8'));
const core = createCore({ templateKey: testTemplateKey(), config: parseConfig(defaults), dataDir: join(tempDir(), 'data'), clock: manualClock(new Date('2026-12-07T07:52:00Z')), log: silentLogger });
await core.start();
after(() => core.stop());

test('leaving kiosk mode is an IT channel that serve mode answers as not available', async () => {
  assert.equal(channels['shell:exit-kiosk'].role, 'it');
  const answer = await core.handlers['shell:exit-kiosk']({}, { session: null });
  assert.equal(channels['shell:exit-kiosk'].response.safeParse(answer).success, true);
  assert.equal(answer.outcome, 'not_available');
  assert.equal(channels['shell:exit-kiosk'].request.safeParse({ now: true }).success, false, 'the request takes no arguments');
});
