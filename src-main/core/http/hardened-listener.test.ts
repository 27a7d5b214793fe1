import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { startListener } from './hardened-listener.js';

const ok = (_req: unknown, res: import('node:http').ServerResponse) => res.end('ok');

test('a client trickling its headers is cut off with 408 by the header timeout while others are answered', async (t) => {
  const l = await startListener('127.0.0.1', 0, { headersTimeoutMs: 300, requestTimeoutMs: 1_000 }, ok);
  t.after(() => l.close(0));
  const socket = connect(l.port, '127.0.0.1');
  let answer = '';
  socket.on('data', (d) => (answer += d.toString()));
  const closed = new Promise<void>((r) => socket.on('close', () => r()));
  socket.write('GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n');
  const trickle = setInterval(() => socket.writable && socket.write('X-A: b\r\n'), 100);
  assert.equal(await (await fetch(`http://127.0.0.1:${l.port}/`)).text(), 'ok');
  await closed;
  clearInterval(trickle);
  assert.match(answer, /^HTTP\/1\.1 408/);
});

test('too many or too large headers are refused before any handler runs', async (t) => {
  let handled = 0;
  const l = await startListener('127.0.0.1', 0, { headersTimeoutMs: 1_000, requestTimeoutMs: 1_000 }, (req, res) => {
    handled++;
    res.end(String(Object.keys(req.headers).length));
  });
  t.after(() => l.close(0));
  const url = `http://127.0.0.1:${l.port}/`;
  assert.equal((await fetch(url, { headers: { 'x-big': 'x'.repeat(9 * 1024) } })).status, 431);
  // Past 64 headers the rest are dropped, not parsed.
  const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x-h${i}`, '1']));
  assert.equal(await (await fetch(url, { headers: many })).text(), '64');
  assert.equal(handled, 1);
});

test('a port already in use fails the start instead of leaving a listener that never listens', async (t) => {
  const first = await startListener('127.0.0.1', 0, { headersTimeoutMs: 1_000, requestTimeoutMs: 1_000 }, ok);
  t.after(() => first.close(0));
  await assert.rejects(startListener('127.0.0.1', first.port, { headersTimeoutMs: 1_000, requestTimeoutMs: 1_000 }, ok), { code: 'EADDRINUSE' });
});
