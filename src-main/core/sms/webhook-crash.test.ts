// Crash drill for the delivery-report listener: killed with SIGKILL while twenty senders post signed
// reports, it must have stored every report it answered 2xx (a report is answered only after its
// commit), and the next start applies what was stored but not yet applied.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { openDatabase } from '../db/open.js';
import { silentLogger } from '../log.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { systemClock } from '../time/clock.js';
import { enqueueSms } from './outbox.js';
import { createSmsWebhookService } from './webhook-service.js';
import { smsGateSignature } from './webhook-signatures.js';

const KEY = 'Jx7pQ2mZ';

test('reports answered 2xx survive a SIGKILL of the listener mid-flood, and are applied at the next start', async () => {
  const file = join(tempDir(), 'rollcall.db');
  const setup = openDatabase(file);
  const now = new Date();
  setup.transaction(() => {
    for (let i = 0; i < 50; i++) {
      enqueueSms(setup, { idempotencyKey: `drill:${i}`, type: 'check_in', studentId: null, guardianId: null, attendanceId: null, phoneE164: `+4474${10_000_000 + i}`, body: 'drill', now, ttlSeconds: 7200 });
    }
    setup.prepare(`UPDATE sms_outbox SET state = 'accepted'`).run();
  })();
  const messageIds = setup.prepare('SELECT message_id FROM sms_outbox ORDER BY id').pluck().all() as string[];
  setup.close();

  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../test-support/webhook-child.ts'), file, KEY], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(child.stdout!, 'data')) as [Buffer];
  const url = `http://127.0.0.1:${Number(line.toString().trim())}/sms-webhook`;
  const exited = once(child, 'exit');

  const answered: string[] = [];
  let seq = 0;
  let killed = false;
  async function sender(): Promise<void> {
    while (!killed) {
      const n = seq++;
      const id = `ev-${n}`;
      const body = JSON.stringify({ id, event: n % 2 ? 'sms:delivered' : 'sms:sent', payload: { messageId: messageIds[Math.floor(n / 2) % messageIds.length], recipient: '+447400000000' } });
      const ts = String(Math.floor(Date.now() / 1000));
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-timestamp': ts, 'x-signature': smsGateSignature(KEY, Buffer.from(body), ts) }, body });
        if (res.status === 204) answered.push(id);
        if (answered.length >= 300 && !killed) {
          killed = true;
          child.kill('SIGKILL');
        }
      } catch {
        // The connection died with the process: not answered, so the sender would retry it.
      }
    }
  }
  await Promise.all(Array.from({ length: 20 }, sender));
  await exited;
  const db = openDatabase(file);
  const stored = new Set(db.prepare('SELECT event_id FROM sms_webhook_events').pluck().all() as string[]);
  assert.deepEqual(answered.filter((id) => !stored.has(id)), [], 'every report answered 204 is stored');
  const service = createSmsWebhookService({ db, clock: systemClock, log: silentLogger, host: '127.0.0.1', port: 0, secrets: () => ({ signingKey: KEY, twilioAuthToken: '', twilioCallbackUrl: '' }) });
  await service.start();
  await service.stop();
  assert.equal(db.prepare('SELECT COUNT(*) FROM sms_webhook_events WHERE applied_at IS NULL').pluck().get(), 0);
  const delivered = db.prepare(`SELECT COUNT(*) FROM sms_outbox WHERE state = 'delivered'`).pluck().get() as number;
  const deliveredReports = new Set([...stored].filter((id) => Number(id.slice(3)) % 2 === 1).map((id) => messageIds[Math.floor(Number(id.slice(3)) / 2) % messageIds.length]));
  assert.equal(delivered, deliveredReports.size, 'each text with a stored delivered report is delivered');
  db.close();
});
