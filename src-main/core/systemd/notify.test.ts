import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { silentLogger } from '../log.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { createSystemdWatchdog, systemdNotifier, watchdogIntervalMs, type Notifier } from './notify.js';

function fakeNotifier() {
  const sent: string[] = [];
  const notifier: Notifier = { notify: async (s) => void sent.push(s) };
  return { sent, notifier };
}

test('READY=1 at start, WATCHDOG=1 only while the internal checks pass, STOPPING=1 at stop', async () => {
  const { sent, notifier } = fakeNotifier();
  let healthy = true;
  const w = createSystemdWatchdog({ notifier, env: { WATCHDOG_USEC: '30000000' }, healthy: () => healthy, log: silentLogger, pid: 42 });
  assert.equal(w.intervalMs, 30_000);
  await w.start();
  assert.equal(await w.tick(), true);
  healthy = false;
  assert.equal(await w.tick(), false);
  healthy = true;
  assert.equal(await w.tick(), true);
  await w.stop();
  assert.deepEqual(sent, ['READY=1', 'WATCHDOG=1', 'WATCHDOG=1', 'STOPPING=1']);
});

test('outside systemd nothing is sent and nothing fails', async () => {
  assert.equal(systemdNotifier({}), null);
  const w = createSystemdWatchdog({ notifier: null, env: {}, healthy: () => true, log: silentLogger });
  await w.start();
  assert.equal(await w.tick(), false);
  await w.stop();
});

test('the watchdog interval is for this process only', () => {
  assert.equal(watchdogIntervalMs({ WATCHDOG_USEC: '6000000', WATCHDOG_PID: '7' }, 7), 6000);
  assert.equal(watchdogIntervalMs({ WATCHDOG_USEC: '6000000', WATCHDOG_PID: '8' }, 7), null);
  assert.equal(watchdogIntervalMs({}, 7), null);
});

const sinkSkip = !existsSync('/usr/bin/systemd-notify')
  ? 'systemd-notify is not installed'
  : spawnSync('python3', ['--version']).status !== 0
    ? 'python3 (the datagram sink) is not installed'
    : false;

test('the systemd-notify binary delivers the message to NOTIFY_SOCKET', { skip: sinkSkip }, async () => {
  const socket = join(tempDir(), 'notify.sock');
  // A unix datagram sink, as systemd's notify socket is (Node cannot open one).
  const sink = spawn('python3', ['-c', `
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); s.bind(sys.argv[1]); print('ready', flush=True)
s.settimeout(10)
while True: print(s.recv(4096).decode(), flush=True)
`, socket]);
  let out = '';
  await new Promise<void>((resolve) => sink.stdout.on('data', (d: Buffer) => ((out += d.toString()), out.includes('ready') && resolve())));
  const notifier = systemdNotifier({ NOTIFY_SOCKET: socket });
  assert.ok(notifier);
  // systemd-notify follows the message with a barrier and waits for it, so the sink keeps listening
  // until the notifier has returned.
  await notifier.notify('WATCHDOG=1');
  const exited = new Promise<void>((resolve) => sink.on('close', () => resolve()));
  sink.kill();
  await exited;
  assert.match(out, /ready\nWATCHDOG=1\n/);
});
