// The updater flow under plain Node against a real feed on 127.0.0.1: electron-updater's own
// AppImageUpdater (feed parsing, GenericProvider, version compare, download with sha512 check)
// driven through our update service (signature gate, staged rollout, maintenance window, install,
// rollback). Only the HTTP executor differs from the kiosk: Electron's net module does not exist
// under Node, so a node:http executor built on builder-util-runtime's HttpExecutor stands in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request, type ClientRequest, type IncomingMessage, type RequestOptions, type Server } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppImageUpdater } from 'electron-updater/out/AppImageUpdater.js';
import type { AppAdapter } from 'electron-updater/out/AppAdapter.js';
import { HttpExecutor, configureRequestOptions, configureRequestUrl, type DownloadOptions } from 'builder-util-runtime';
import { tempDir } from '../../test-support/temp-dir.js';
import { manualClock } from '../time/clock.js';
import type { Logger } from '../log.js';
import { electronUpdaterPort } from './electron-updater-port.js';
import { createUpdateService, type UpdateSettings } from './update-service.js';
import { appImageInstaller } from './appimage-installer.js';
import { fileInstallRecordStore } from './install-record-store.js';
import { generateReleaseKeyPair, signRelease, SIGNATURE_FIELD } from './release-signature.js';
import { rolloutBucket } from './rollout.js';
import { parseFeed, writeFeed } from '../../../scripts/update-feed/feed.js';

class LoopbackHttpExecutor extends HttpExecutor<ClientRequest> {
  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    if (options.hostname !== '127.0.0.1') throw new Error(`test executor talks to 127.0.0.1 only, not ${String(options.hostname)}`);
    return request({ ...options, agent: false }, callback);
  }
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined };
      configureRequestUrl(url, requestOptions);
      configureRequestOptions(requestOptions);
      this.doDownload(requestOptions, { destination, options, onCancel, callback: (e) => (e ? reject(e) : resolve(destination)), responseHandler: null }, 0);
    });
  }
}

const feedDir = tempDir('rollcall-feed-');
let server: Server;
let feedUrl = '';
const keys = generateReleaseKeyPair();
const newBytes = randomBytes(256 * 1024);
const oldBytes = randomBytes(128 * 1024);
const sha512 = (b: Buffer) => createHash('sha512').update(b).digest('base64');

before(async () => {
  server = createServer((req, res) => {
    const file = join(feedDir, decodeURIComponent(new URL(req.url!, 'http://x').pathname.slice(1)));
    if (!existsSync(file)) { res.writeHead(404).end(); return; }
    const body = readFileSync(file);
    res.writeHead(200, { 'content-length': body.length, 'content-type': file.endsWith('.yml') ? 'text/yaml' : 'application/octet-stream' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  feedUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

/** Publishes latest-linux.yml for 0.2.0, signed unless told otherwise, after optional tampering. */
function publish(opts: { version?: string; bytes?: Buffer; stagingPercentage?: number; sign?: boolean; tamperFile?: boolean; tamperAfterSigning?: (d: Record<string, unknown>) => void } = {}) {
  const version = opts.version ?? '0.2.0';
  const bytes = opts.bytes ?? newBytes;
  const file = `Rollcall-${version}.AppImage`;
  writeFileSync(join(feedDir, file), opts.tamperFile ? Buffer.concat([bytes.subarray(0, 1000), Buffer.from('evil'), bytes.subarray(1004)]) : bytes);
  const doc: Record<string, unknown> = {
    version,
    files: [{ url: file, sha512: sha512(bytes), size: bytes.length }],
    path: file,
    sha512: sha512(bytes),
    releaseDate: '2026-12-01T10:00:00.000Z',
    ...(opts.stagingPercentage !== undefined ? { stagingPercentage: opts.stagingPercentage } : {}),
  };
  const info = parseFeed(writeFeed(doc));
  if (opts.sign !== false) doc[SIGNATURE_FIELD] = signRelease(info, keys.privateKeyPem);
  opts.tamperAfterSigning?.(doc);
  writeFileSync(join(feedDir, 'latest-linux.yml'), writeFeed(doc));
}

function recordingLog(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const push = (msg: string, f?: Record<string, unknown>) => lines.push(`${msg} ${JSON.stringify(f ?? {})}`);
  return { lines, info: push, warn: push, error: push };
}

const settings: UpdateSettings = {
  timezone: 'Europe/London', window: ['02:00', '04:00'], quietMinutes: 30,
  publicKey: keys.publicKeyPem, healthGraceMinutes: 10, maxUnhealthyStarts: 3,
};

/** One kiosk: its installed AppImage, data folder and updater, at a given time. */
function kiosk(opts: { version?: string; machineId?: string; now?: string; lastPresenceAt?: () => Date | null; healthy?: () => boolean; dir?: string; publicKey?: string } = {}) {
  const dir = opts.dir ?? tempDir('rollcall-kiosk-');
  const appImagePath = join(dir, 'opt', 'Rollcall.AppImage');
  if (!existsSync(appImagePath)) {
    mkdirSync(join(dir, 'opt'), { recursive: true });
    writeFileSync(appImagePath, oldBytes);
  }
  writeFileSync(join(dir, 'app-update.yml'), `provider: generic\nurl: ${feedUrl}\nchannel: latest\nupdaterCacheDirName: rollcall-updater\n`);
  process.env.APPIMAGE = appImagePath;
  const version = opts.version ?? '0.1.0';
  const app: AppAdapter = {
    version, name: 'rollcall', isPackaged: true,
    appUpdateConfigPath: join(dir, 'app-update.yml'), userDataPath: join(dir, 'data'), baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(), relaunch() {}, quit() {}, onQuit() {},
  };
  const updater = new AppImageUpdater(null, app);
  // Internal in the types, public in use: electron-builder's own updater tests set it the same way.
  (updater as unknown as { httpExecutor: HttpExecutor<ClientRequest> }).httpExecutor = new LoopbackHttpExecutor();
  updater.logger = null;
  const clock = manualClock(new Date(opts.now ?? '2026-12-07T12:00:00Z'));
  const log = recordingLog();
  let restarts = 0;
  const service = createUpdateService({
    updater: electronUpdaterPort(updater), settings: { ...settings, publicKey: opts.publicKey ?? settings.publicKey }, currentVersion: version, machineId: opts.machineId ?? 'kiosk-main-entrance',
    clock, log, records: fileInstallRecordStore(join(dir, 'data', 'update', 'install.json')),
    installer: appImageInstaller({ appImagePath, rollbackDir: join(dir, 'data', 'update', 'rollback') }),
    lastPresenceAt: opts.lastPresenceAt ?? (() => null), healthy: opts.healthy ?? (() => true),
    restart: () => { restarts++; },
  });
  return { dir, appImagePath, service, clock, log, restarts: () => restarts };
}

test('a newer signed release is found and downloaded in the background, then waits for the maintenance window', async () => {
  publish();
  const k = kiosk({ now: '2026-12-07T12:00:00Z' });
  await k.service.start();
  await k.service.checkNow();
  assert.deepEqual(k.service.state(), { phase: 'ready', version: '0.2.0', waiting: null });
  await k.service.tick();
  assert.deepEqual(k.service.state(), { phase: 'ready', version: '0.2.0', waiting: 'outside_window' });
  assert.deepEqual(readFileSync(k.appImagePath), oldBytes, 'nothing installed at noon');
  assert.equal(k.restarts(), 0);
});

test('inside the window the install still waits while someone was at the kiosk recently, then installs and restarts', async () => {
  publish();
  let presence: Date | null = new Date('2026-12-07T02:50:00Z');
  const k = kiosk({ now: '2026-12-07T03:00:00Z', lastPresenceAt: () => presence });
  await k.service.start();
  await k.service.checkNow();
  await k.service.tick();
  assert.deepEqual(k.service.state(), { phase: 'ready', version: '0.2.0', waiting: 'someone_recently_present' });
  presence = new Date('2026-12-07T02:20:00Z');
  await k.service.tick();
  assert.deepEqual(k.service.state(), { phase: 'installing', version: '0.2.0' });
  assert.deepEqual(readFileSync(k.appImagePath), newBytes, 'the AppImage at the fixed path is the new version');
  assert.deepEqual(readFileSync(join(k.dir, 'data', 'update', 'rollback', 'previous.AppImage')), oldBytes, 'the old version is kept');
  assert.equal(k.restarts(), 1);
  assert.equal(JSON.parse(readFileSync(join(k.dir, 'data', 'update', 'install.json'), 'utf8')).status, 'installing');
});

test('the new version that stays unhealthy through its grace period is rolled back, and not installed again', async () => {
  publish();
  const first = kiosk({ now: '2026-12-07T03:00:00Z' });
  await first.service.start();
  await first.service.checkNow();
  await first.service.tick();
  assert.equal(first.restarts(), 1);

  const after = kiosk({ dir: first.dir, version: '0.2.0', now: '2026-12-07T03:01:00Z', healthy: () => false });
  await after.service.start();
  assert.equal(after.service.state().phase, 'verifying');
  after.clock.advance(5 * 60_000);
  await after.service.tick();
  assert.equal(after.service.state().phase, 'verifying', 'still inside the grace period');
  after.clock.advance(6 * 60_000);
  await after.service.tick();
  assert.equal(after.service.state().phase, 'rolled_back');
  assert.deepEqual(readFileSync(after.appImagePath), oldBytes, 'the previous version is back at the fixed path');
  assert.equal(after.restarts(), 1);

  const restored = kiosk({ dir: first.dir, version: '0.1.0', now: '2026-12-07T03:15:00Z' });
  await restored.service.start();
  await restored.service.checkNow();
  assert.deepEqual(restored.service.state(), { phase: 'idle' }, 'the failed version is not downloaded again');
});

test('a newer release that arrives while the new version is on probation waits until it is confirmed', async () => {
  publish();
  const first = kiosk({ now: '2026-12-07T03:00:00Z' });
  await first.service.start();
  await first.service.checkNow();
  await first.service.tick();
  let healthy = false;
  const after = kiosk({ dir: first.dir, version: '0.2.0', now: '2026-12-07T03:01:00Z', healthy: () => healthy });
  await after.service.start();
  const newest = randomBytes(64 * 1024);
  publish({ version: '0.3.0', bytes: newest });
  await after.service.checkNow();
  await after.service.tick();
  assert.equal(after.service.state().phase, 'verifying');
  assert.deepEqual(readFileSync(after.appImagePath), newBytes, '0.3.0 is not installed over a version still on probation');
  assert.equal(after.restarts(), 0);
  healthy = true;
  await after.service.tick();
  assert.deepEqual(after.service.state(), { phase: 'installing', version: '0.3.0' });
  assert.deepEqual(readFileSync(after.appImagePath), newest, 'once 0.2.0 is confirmed, 0.3.0 installs');
  assert.deepEqual(readFileSync(join(first.dir, 'data', 'update', 'rollback', 'previous.AppImage')), newBytes, 'and the confirmed 0.2.0 is the one kept');
  assert.equal(after.restarts(), 1);
});

test('a new version that becomes healthy is kept', async () => {
  publish();
  const first = kiosk({ now: '2026-12-07T03:00:00Z' });
  await first.service.start();
  await first.service.checkNow();
  await first.service.tick();
  const after = kiosk({ dir: first.dir, version: '0.2.0', now: '2026-12-07T03:01:00Z', healthy: () => true });
  await after.service.start();
  await after.service.tick();
  assert.deepEqual(after.service.state(), { phase: 'idle' });
  assert.equal(JSON.parse(readFileSync(join(first.dir, 'data', 'update', 'install.json'), 'utf8')).status, 'confirmed');
  assert.deepEqual(readFileSync(after.appImagePath), newBytes);
});

test('a staged rollout reaches only the kiosks in its wave', async () => {
  const ids = Array.from({ length: 40 }, (_, i) => `kiosk-${i}`);
  const inWave = ids.find((id) => rolloutBucket(id) < 2000)!;
  const outOfWave = ids.find((id) => rolloutBucket(id) >= 2000)!;
  publish({ stagingPercentage: 20 });
  const a = kiosk({ machineId: inWave });
  await a.service.checkNow();
  assert.equal(a.service.state().phase, 'ready', `${inWave} (bucket ${rolloutBucket(inWave)}) is in the 20 % wave`);
  const b = kiosk({ machineId: outOfWave });
  await b.service.checkNow();
  assert.deepEqual(b.service.state(), { phase: 'idle' }, `${outOfWave} (bucket ${rolloutBucket(outOfWave)}) is not`);
  publish({ stagingPercentage: 0 });
  const c = kiosk({ machineId: inWave });
  await c.service.checkNow();
  assert.deepEqual(c.service.state(), { phase: 'idle' }, '0 % reaches nobody');
});

test('a download whose bytes do not match the sha512 in the feed is rejected by electron-updater', async () => {
  publish({ tamperFile: true });
  const k = kiosk({ now: '2026-12-07T03:00:00Z' });
  await k.service.checkNow();
  assert.deepEqual(k.service.state(), { phase: 'idle' });
  assert.ok(k.log.lines.some((l) => l.includes('sha512 checksum mismatch')), k.log.lines.join('\n'));
  await k.service.tick();
  assert.deepEqual(readFileSync(k.appImagePath), oldBytes);
});

test('a feed that is unsigned, or whose file entries changed after signing, is refused before download', async () => {
  const forged = randomBytes(1024);
  const cases: [string, Parameters<typeof publish>[0], string][] = [
    ['unsigned', { sign: false }, 'release is not signed'],
    ['sha512 swapped', { tamperAfterSigning: (d) => { (d.files as { sha512: string }[])[0]!.sha512 = sha512(forged); } }, 'signature does not match'],
    ['url swapped', { tamperAfterSigning: (d) => { (d.files as { url: string }[])[0]!.url = 'Other-0.2.0.AppImage'; } }, 'signature does not match'],
    ['version raised', { tamperAfterSigning: (d) => { d.version = '0.3.0'; } }, 'signature does not match'],
    ['signature garbled', { tamperAfterSigning: (d) => { d[SIGNATURE_FIELD] = Buffer.alloc(64, 1).toString('base64'); } }, 'signature does not match'],
  ];
  for (const [name, opts, reason] of cases) {
    publish(opts);
    const k = kiosk();
    await k.service.checkNow();
    assert.deepEqual(k.service.state(), { phase: 'idle' }, name);
    assert.ok(k.log.lines.some((l) => l.includes(reason)), `${name}: ${k.log.lines.join('\n')}`);
    assert.equal(existsSync(join(k.dir, 'cache', 'rollcall-updater', 'pending')), false, `${name}: nothing downloaded`);
  }
});

test('a downloaded file changed on disk before the install is rejected and the running version stays', async () => {
  publish();
  const k = kiosk({ now: '2026-12-07T03:00:00Z' });
  await k.service.checkNow();
  const pending = join(k.dir, 'cache', 'rollcall-updater', 'pending', 'Rollcall-0.2.0.AppImage');
  assert.ok(existsSync(pending));
  writeFileSync(pending, randomBytes(1000));
  await k.service.tick();
  assert.deepEqual(k.service.state(), { phase: 'idle' });
  assert.deepEqual(readFileSync(k.appImagePath), oldBytes);
  assert.equal(k.restarts(), 0);
  assert.ok(k.log.lines.some((l) => l.includes('rejected before install')));
});

test('without a configured public key nothing is installed', async () => {
  publish();
  const k = kiosk({ publicKey: '' });
  await k.service.checkNow();
  assert.deepEqual(k.service.state(), { phase: 'idle' });
  assert.ok(k.log.lines.some((l) => l.includes('update.publicKey is not set')));
});
