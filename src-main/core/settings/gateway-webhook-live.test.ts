// IT points the kiosk at its Android SMS gateway from the admin screen: the phone is told where to
// post delivery reports at once, not at the next start.
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
import { startFakeAndroidGateway, type GatewayRequest } from '../../../e2e/fakes/android-sms-gateway.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));

test('a gateway and webhook address set in the admin screen are registered with the phone at once', { timeout: 20_000 }, async (t) => {
  let registered: (posts: GatewayRequest[]) => void;
  const threePosts = new Promise<GatewayRequest[]>((resolve) => (registered = resolve));
  const posts: GatewayRequest[] = [];
  const gateway = await startFakeAndroidGateway({
    username: 'sms',
    password: 'gw-pass',
    behaviour: (req) => {
      if (req.method === 'POST' && req.path === '/webhooks' && posts.push(req) === 3) registered(posts);
      return undefined;
    },
  });
  t.after(() => gateway.close());
  const core = createCore({
    templateKey: testTemplateKey(),
    config: parseConfig({ ...defaults, disk: { ballastMiB: 1 }, webhook: { port: 0, host: '127.0.0.1' } }),
    dataDir: join(tempDir(), 'data'),
    clock: manualClock(new Date('2026-12-07T07:05:00Z')),
    log: silentLogger,
    healthPort: 0,
  });
  await core.start();
  t.after(() => core.stop());

  // The store the settings:update channel writes to (the channel's role check has its own tests).
  const r = core.settings.update(
    { sms: { provider: 'android-gateway-local', androidGateway: { url: gateway.url, password: 'gw-pass', webhookUrl: 'http://127.0.0.1:8081/sms/webhook' } } },
    'it',
  );
  assert.equal(r.ok, true, JSON.stringify(r));
  const got = await threePosts;
  assert.deepEqual(got.map((p) => (p.body as { event: string }).event).sort(), ['sms:delivered', 'sms:failed', 'sms:sent']);
  assert.ok(got.every((p) => (p.body as { url: string }).url === 'http://127.0.0.1:8081/sms/webhook'));
});
