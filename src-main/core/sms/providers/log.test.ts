import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogProvider } from './log.js';

test('the log provider writes each text it would send as one JSON line and reports it accepted', async () => {
  const lines: string[] = [];
  const provider = createLogProvider({ write: (line) => lines.push(line) });
  const msg = { messageId: 'rc-1', phoneE164: '+447400123456', text: 'Zoë checked in\nat 07:52.', ttlSeconds: 7200 };
  assert.deepEqual(await provider.send(msg), { kind: 'accepted', providerState: 'logged' });
  assert.equal(lines.length, 1);
  assert.ok(!lines[0]!.includes('\n'));
  assert.deepEqual(JSON.parse(lines[0]!), msg);
});
