// A backup restore rolls the SMS outbox back with everything else. A text that was waiting when the
// backup was taken and went out after it is "queued" again in the restored database; with Twilio,
// which has no idempotency, the guardian gets the same text a second time. The fake Twilio follows
// sms-protocols.md §2 (it answers 503 while "busy", as Twilio does under load).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startFakeTwilio } from '../../../e2e/fakes/twilio.js';
import { createCore } from '../app.js';
import { parseConfig } from '../config/load.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { createTwilioProvider } from '../sms/providers/twilio.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { schoolDatabase } from '../../test-support/school-db.js';
import { testTemplateKey } from '../../test-support/template-key.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const SID = 'AC00000000000000000000000000000001';
const TOKEN = 'twilio-test-token';

test('a text sent between a backup and its restore is not sent again after the restore', { timeout: 60_000 }, async (t) => {
  let busy = true;
  const seen: Array<() => void> = [];
  const fake = await startFakeTwilio({
    accountSid: SID,
    authToken: TOKEN,
    behaviour: () => {
      queueMicrotask(() => seen.splice(0).forEach((f) => f()));
      return busy ? { status: 503, body: { code: 20503, message: 'Service unavailable', status: 503 } } : undefined;
    },
  });
  t.after(() => fake.close());
  const nextRequest = () => new Promise<void>((resolve) => seen.push(resolve));
  const until = async (done: () => boolean) => {
    while (!done()) await nextRequest();
  };
  const textsTo = (phone: string) => fake.messages.filter((m) => m.to === phone).length;

  const dataDir = tempDir();
  schoolDatabase(dataDir, 3).db.close();
  const clock = manualClock(new Date('2026-12-07T07:01:00Z'));
  const core = createCore({
    templateKey: testTemplateKey(),
    config: parseConfig({ ...defaults, disk: { ballastMiB: 1 } }),
    dataDir,
    clock,
    log: silentLogger,
    smsProvider: createTwilioProvider({ accountSid: SID, authToken: TOKEN, from: '+447700900123', statusCallbackUrl: '', timeoutMs: 5_000, apiBase: fake.url, clock }),
  });
  await core.start();
  t.after(() => core.stop());
  const card = (code: string) => core.handlers['kiosk:check-in-card']({ code }, { session: null });
  const S0 = '+447400100000';

  // 07:01 student 0 checks in; Twilio is busy, so the text waits in the outbox.
  assert.equal((await card('S0000')).outcome, 'recorded');
  await until(() => fake.requests.length >= 1);
  const backup = await core.handlers['backup:now']({}, { session: null });
  assert.ok(backup.ok);

  // 07:06 Twilio is back; student 1's check-in wakes the dispatcher and both texts go out.
  busy = false;
  clock.advance(5 * 60_000);
  assert.equal((await card('S0001')).outcome, 'recorded');
  await until(() => textsTo(S0) === 1 && textsTo('+447400100010') === 1);

  // 07:10 IT restores the 07:01 backup; student 2 then checks in (on time, so the same priority) and is texted.
  clock.advance(4 * 60_000);
  const restored = await core.handlers['backup:restore']({ file: backup.backup.file }, { session: null });
  assert.ok(restored.ok, restored.ok ? '' : restored.error);
  assert.equal((await card('S0002')).outcome, 'recorded');
  await until(() => textsTo('+447400100020') === 1 && textsTo('+447400200020') === 1);
  // The outbox settles: nothing is left waiting or on its way to Twilio.
  const unsettled = core.db.prepare("SELECT COUNT(*) AS n FROM sms_outbox WHERE state IN ('queued', 'sending')");
  while ((unsettled.get() as { n: number }).n > 0) await new Promise((resolve) => setTimeout(resolve, 20));

  assert.equal(textsTo(S0), 1, 'student 0’s guardian got the 07:01 text twice');
});
