import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from './load.js';

const defaults = JSON.parse(readFileSync(join(import.meta.dirname, '../../../config/default.json'), 'utf8'));
const withSms = (sms: Record<string, unknown>) => ({ ...defaults, sms: { ...defaults.sms, ...sms } });

test('the defaults carry the seed limits, quiet hours and a template and TTL for all five types', () => {
  const cfg = parseConfig(defaults);
  assert.deepEqual(cfg.sms.limits, { perMinute: 10, perHour: 60 });
  assert.deepEqual(cfg.sms.quietHours, ['22:00', '06:00']);
  assert.deepEqual(Object.keys(cfg.sms.templates).sort(), ['absence', 'check_in', 'check_out', 'late_arrival', 'no_checkout']);
  assert.deepEqual(Object.keys(cfg.sms.ttlMinutes).sort(), ['absence', 'check_in', 'check_out', 'late_arrival', 'no_checkout']);
  assert.deepEqual(cfg.webhook, { port: 8081, host: '127.0.0.1' });
});

test('a template with an unknown placeholder is refused when saved, naming the key and the placeholder', () => {
  assert.throws(
    () => parseConfig(withSms({ templates: { ...defaults.sms.templates, late_arrival: '{student_nmae} was {minutes_late} min late' } }), 'school.json'),
    /sms\.templates\.late_arrival: unknown placeholder \{student_nmae\}; use \{student_name\}/,
  );
});

test('a missing template type, quiet hours that start where they end, or a minute limit above the hour limit are refused', () => {
  const { absence: _absence, ...four } = defaults.sms.templates;
  assert.throws(() => parseConfig(withSms({ templates: four })), /sms\.templates\.absence/);
  assert.throws(() => parseConfig(withSms({ quietHours: ['22:00', '22:00'] })), /sms\.quietHours: from and to must differ/);
  assert.throws(() => parseConfig(withSms({ quietHours: ['22:00'] })), /sms\.quietHours/);
  assert.throws(() => parseConfig(withSms({ limits: { perMinute: 100, perHour: 60 } })), /sms\.limits\.perMinute: must not be above/);
  assert.equal(parseConfig(withSms({ quietHours: null })).sms.quietHours, null);
});

test('Twilio needs its account, token and sender; the cloud gateway its URL', () => {
  assert.throws(() => parseConfig(withSms({ provider: 'twilio' })), /sms\.twilio\.accountSid: is required[\s\S]*sms\.twilio\.authToken[\s\S]*sms\.twilio\.from/);
  assert.throws(() => parseConfig(withSms({ provider: 'android-gateway-cloud' })), /sms\.androidGateway\.url: is required for provider android-gateway-cloud/);
  assert.throws(() => parseConfig(withSms({ twilio: { ...defaults.sms.twilio, accountSid: 'nope' } })), /sms\.twilio\.accountSid: must be an Account SID/);
});
