import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { parseConfig } from '../config/load.js';
import { createCheckInService } from '../attendance/checkins.js';
import { silentLogger } from '../log.js';
import { manualClock } from '../time/clock.js';
import { schoolDatabase } from '../../test-support/school-db.js';
import { smallTmpfs } from '../../test-support/tmpfs.js';
import { openDatabase } from './open.js';
import { createDiskGuard, freeBytesOn, isDiskFull } from './disk-guard.js';
import { randomBytes } from 'node:crypto';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { createHealthMonitor } from '../health/monitor.js';
import { createScreenReports } from '../health/screen-reports.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const MiB = 1 << 20;

/** Fills the volume to the last byte, as a runaway log file would. */
function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
}

test('a full disk spends the reserve, check-ins continue without a restart, and nothing acknowledged is lost', async (t) => {
  const mount = smallTmpfs(12 * MiB);
  if ('skip' in mount) return t.skip(mount.skip);
  const dataDir = mount.dir;
  const clock = manualClock(new Date('2026-12-07T07:05:00Z')); // Monday, morning check-in window
  const { db, file } = schoolDatabase(dataDir, 120, clock.now());
  const guard = createDiskGuard({ db, dataDir, clock, log: silentLogger, ballastBytes: 2 * MiB, freeBytes: freeBytesOn });
  await guard.start();
  assert.equal(guard.status().state, 'ok');
  const health = createHealthMonitor({
    db,
    dbFile: file,
    dataDir,
    clock,
    log: silentLogger,
    identity: { releaseId: 'test', serviceId: 'north-gate' },
    screen: createScreenReports(),
    faceRecognition: () => false,
    watchdog: () => ({ restartsLastHour: 0, outOfOrder: false }),
    localDate: () => '2026-12-07',
    diskGuard: () => guard.status(),
    dbProbeIntervalMs: 0,
  });
  const diskCheck = async () => {
    await health.sample();
    const doc = health.health()!;
    return { overall: doc.status, disk: doc.checks['disk:utilization']![0]! };
  };
  const config = parseConfig(defaults);
  const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const acknowledged: string[] = [];
  const checkIn = (n: number) => {
    const number = `S${String(n).padStart(4, '0')}`;
    const r = guard.guard(() => checkIns.checkInByCard(number));
    assert.equal(r.outcome, 'recorded');
    acknowledged.push(number);
  };

  fillDisk(join(dataDir, 'runaway.log'));
  for (let i = 0; i < 30; i++) checkIn(i);
  assert.equal(guard.status().state, 'reserve_in_use', 'the reserve paid for the writes');
  assert.match(guard.status().reason ?? '', /reserve is spent/);

  // Keep going until even the reserve is used up: the kiosk refuses (no acknowledgement), no crash.
  let refusedAt = -1;
  for (let i = 30; i < 120 && refusedAt < 0; i++) {
    try {
      checkIn(i);
    } catch (e) {
      assert.ok(isDiskFull(e), `classified as disk full, got ${(e as Error).message}`);
      refusedAt = i;
    }
  }
  assert.ok(refusedAt > 0, 'the disk filled again');
  assert.equal(guard.status().state, 'full');
  assert.match(guard.status().reason ?? '', /SQLITE_FULL/);
  const whileFull = await diskCheck();
  assert.equal(whileFull.overall, 'fail', 'health fails while writes fail');
  assert.equal(whileFull.disk.status, 'fail');
  assert.match(String(whileFull.disk.output), /writes fail, the disk is full \(.*SQLITE_FULL/);

  // IT frees space: the reserve comes back and writes resume on the same connection.
  rmSync(join(dataDir, 'runaway.log'));
  await guard.tick();
  assert.equal(guard.status().state, 'ok');
  assert.equal(guard.status().ballastPresent, true);
  // A 12 MiB disk holding a database and its WAL may still warn about space; writes no longer fail.
  const after = await diskCheck();
  assert.notEqual(after.disk.status, 'fail', 'health recovers without a restart');
  assert.doesNotMatch(String(after.disk.output ?? ''), /writes fail/);
  checkIn(refusedAt);
  guard.stop();
  db.close();

  const reopened = openDatabase(file);
  assert.equal(reopened.pragma('integrity_check', { simple: true }), 'ok');
  const stored = (reopened.prepare('SELECT s.student_number AS n FROM attendance a JOIN students s ON s.id = a.student_id').all() as { n: string }[]).map((r) => r.n);
  assert.deepEqual(stored.sort(), [...acknowledged].sort());
  const texts = (reopened.prepare('SELECT COUNT(*) AS n FROM sms_outbox').get() as { n: number }).n;
  assert.equal(texts, acknowledged.length * 2, 'two guardians texted per acknowledged check-in');
  reopened.close();
});
