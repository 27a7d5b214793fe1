// `npm run admin:reset-pins` for a lost IT PIN: the PINs go, and IT gets a fresh one-time setup code
// on the console and in an owner-only file, which the admin screen then asks for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { runScript } from '../../e2e/support/serve-process.js';
import { createAdminAccess } from '../core/access/admin-access.js';
import { setupCodeIn } from '../core/access/setup-code.js';
import { createAuditLog } from '../core/audit/audit-log.js';
import { openDatabase } from '../core/db/open.js';
import { systemClock } from '../core/time/clock.js';
import { readSetupCode } from '../test-support/setup-code.js';
import { tempDir } from '../test-support/temp-dir.js';

const policy = { maxAttempts: 5, lockMinutes: 1, maxLockMinutes: 60, idleMinutes: 5 };

test('resetting the admin PINs prints a new setup code, the only one first-run setup then accepts', async () => {
  const dir = tempDir();
  const db = openDatabase(join(dir, 'rollcall.db'));
  const audit = createAuditLog(db, systemClock);
  const access = createAdminAccess({ db, audit, clock: systemClock, policy: () => policy, timezone: () => 'Europe/London', setupCode: setupCodeIn(dir) });
  const first = access.firstRunSetupCode()!;
  assert.equal(access.setup({ setupCode: first.code, itPin: '908172', officePin: '246810' }).reason, 'signed_in');
  db.close();

  const r = await runScript('src-main/cli/admin-reset.ts', ['--data-dir', dir]);
  assert.equal(r.code, 0, r.stderr);
  const code = readSetupCode(dir);
  assert.match(r.stdout, new RegExp(`^    ${code}$`, 'm'));
  assert.equal(statSync(join(dir, 'setup-code.txt')).mode & 0o777, 0o600);

  const again = openDatabase(join(dir, 'rollcall.db'));
  const after = createAdminAccess({ db: again, audit: createAuditLog(again, systemClock), clock: systemClock, policy: () => policy, timezone: () => 'Europe/London', setupCode: setupCodeIn(dir) });
  assert.equal(after.status({ session: null }).setUp, false);
  assert.equal(after.setup({ setupCode: first.code, itPin: '112233', officePin: '445566' }).reason, 'wrong_setup_code');
  assert.equal(after.setup({ setupCode: code, itPin: '112233', officePin: '445566' }).reason, 'signed_in');
  again.close();
});
