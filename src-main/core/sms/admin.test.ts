import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { createSmsAdmin, maskPhone, maskSecret } from './admin.js';
import { openOutboxFixture, schoolMorning } from './fixtures.js';
import { smsHealth, blankNumbers } from './health.js';
import { advanceState, flagPhone, markFailed } from './outbox.js';

const defaults = JSON.parse(readFileSync(join(import.meta.dirname, '../../../config/default.json'), 'utf8'));
const config = parseConfig({
  ...defaults,
  school: { ...defaults.school, name: 'Hill School' },
  sms: { ...defaults.sms, provider: 'twilio', twilio: { ...defaults.sms.twilio, accountSid: 'AC' + 'ab'.repeat(16), authToken: 'super-secret-token', from: '+447700900123' } },
});

function setup() {
  const f = openOutboxFixture();
  const clock = manualClock(schoolMorning);
  const admin = createSmsAdmin({ db: f.db, clock, config: () => config, providerName: 'twilio' });
  return { ...f, clock, admin };
}

test('the delivery log per guardian shows each text with its state, reason and delivery events, the number masked', () => {
  const s = setup();
  s.enqueue(0);
  s.enqueue(1);
  const [first] = [s.rowFor(0)];
  advanceState(s.db, first.id, 'sent', schoolMorning);
  s.db.prepare(`INSERT INTO sms_delivery_events (outbox_id, message_id, recipient, state, occurred_at) VALUES (?, ?, ?, 'sent', ?)`).run(first.id, first.message_id, first.phone_e164, schoolMorning.toISOString());
  const log = s.admin.deliveryLog({ guardianId: s.guardianIds[0]! });
  assert.equal(log.length, 1);
  assert.deepEqual(
    { state: log[0]!.state, student: log[0]!.studentName, guardian: log[0]!.guardianName, phone: log[0]!.phoneMasked, events: log[0]!.events.map((e) => e.state) },
    { state: 'sent', student: 'Zoë Núñez', guardian: 'Guardian 1', phone: '+44 ••• ••3456', events: ['sent'] },
  );
  assert.equal(s.admin.deliveryLog({ outboxId: s.rowFor(1).id })[0]!.guardianName, 'Guardian 2');
  assert.equal(s.admin.deliveryLog({}).length, 2);
});

test('the template preview renders for a sample name and says why a name forces UCS-2; a bad template is named', () => {
  const s = setup();
  const p = s.admin.templatePreview({ type: 'late_arrival', studentName: 'Zoë Núñez' });
  assert.equal(p.text, 'Late arrival: Zoë Núñez arrived at 07:52, 12 minutes late. - Hill School');
  assert.equal(p.preview.encoding, 'UCS-2');
  assert.equal(s.admin.templatePreview({ type: 'check_in', studentName: 'José Muñoz' }).preview.encoding, 'GSM-7');
  const bad = s.admin.templatePreview({ type: 'check_in', template: 'Hi {parent_name}' });
  assert.deepEqual([bad.ok, bad.error], [false, 'unknown placeholder {parent_name}']);
});

test('a test text goes through the outbox (so it obeys the limits); a number that is not a mobile is refused', () => {
  const s = setup();
  const r = s.admin.sendTest({ phone: '07400 111222' });
  assert.equal(r.ok, true);
  const row = s.db.prepare('SELECT type, phone_e164, state, priority FROM sms_outbox WHERE id = ?').get(r.ok ? r.outboxId : 0);
  assert.deepEqual(row, { type: 'test', phone_e164: '+447400111222', state: 'queued', priority: 4 });
  assert.equal(s.admin.sendTest({ phone: '020 7946 0000' }).ok, false);
});

test('provider settings are shown with secrets masked', () => {
  const s = setup();
  const { provider } = s.admin.capacityStatus();
  assert.equal(provider.authToken, 'supe••••oken');
  assert.ok(!JSON.stringify(provider).includes('super-secret-token'));
  assert.equal(maskSecret(''), '(not set)');
  assert.equal(maskPhone('+447400123456'), '+44 ••• ••3456');
});

test('health reports states, windows, delivery rate and failures by reason with numbers blanked, and warns on capacity', () => {
  const s = setup();
  for (const n of [0, 1, 2]) s.enqueue(n);
  advanceState(s.db, s.rowFor(0).id, 'delivered', schoolMorning);
  markFailed(s.db, s.rowFor(1).id, "Twilio refused the message (HTTP 400, error 21211): The 'To' number +15005550001 is not a valid phone number.", schoolMorning);
  flagPhone(s.db, s.rowFor(1).phone_e164, 'invalid', schoolMorning);
  s.db.prepare(`INSERT INTO sms_send_log (outbox_id, rate_ms, mono_ms, attempted_at) VALUES (1, 0, 0, ?)`).run(new Date(schoolMorning.getTime() - 30_000).toISOString());
  s.clock.advance(20 * 60_000);
  const h = smsHealth(s.db, s.clock, config);
  assert.deepEqual([h.byState.delivered, h.byState.failed, h.byState.queued], [1, 1, 1]);
  assert.deepEqual([h.sentLastMinute, h.sentLastHour], [0, 1]);
  assert.equal(h.deliveryRatePercent, 50);
  assert.deepEqual(h.failuresByReason, { "Twilio refused the message (HTTP 400, error 21211): The 'To' number <number> is not a valid phone number.": 1 });
  assert.equal(h.flaggedNumbers, 1);
  assert.equal(h.status, 'warn');
  assert.match(h.warnings.join(' '), /a text has waited 20 minutes/);
  assert.ok(!JSON.stringify(h).includes('+4474'));
  assert.equal(blankNumbers('call +44 7400 123456 now'), 'call <number> now');
});
