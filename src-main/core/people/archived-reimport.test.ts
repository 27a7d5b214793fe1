// A student who left (archived) and comes back is put on the roster file again. Today the import calls
// them "unchanged", keeps them archived, and their card is refused at the door as unknown; the office
// is never told. The import must either bring them back or say, in its preview, that they are archived.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../db/open.js';
import { parseConfig } from '../config/load.js';
import { manualClock } from '../time/clock.js';
import { silentLogger } from '../log.js';
import { createCheckInService } from '../attendance/checkins.js';
import { createTemplateCipher } from '../recognition/template-cipher.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { importRoster } from './roster-import.js';
import { previewRoster } from './roster-preview.js';
import { parseRoster } from './roster.js';
import { setArchived } from './student-records.js';

const defaults = JSON.parse(readFileSync(new URL('../../../config/default.json', import.meta.url), 'utf8'));
const ROSTER = 'student_number,first_name,last_name,class,guardian_name,guardian_phone\n1001,Ana,Silva,7A,Maria Silva,07400 123456\n';

test('re-importing an archived student brings them back, or the preview says they stay archived', () => {
  const clock = manualClock(new Date('2026-09-01T08:00:00Z'));
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => clock.now() });
  const roster = parseRoster(ROSTER, 'GB');
  assert.ok(roster.ok);
  importRoster(db, roster.students, clock.now());
  const id = (db.prepare("SELECT id FROM students WHERE student_number = '1001'").get() as { id: number }).id;
  setArchived(db, id, true, clock.now());

  clock.set(new Date('2026-12-07T07:00:00Z'));
  const preview = previewRoster(db, roster.students, clock.now());
  const said = JSON.stringify(preview.changes);
  importRoster(db, roster.students, clock.now());

  clock.set(new Date('2026-12-07T07:05:00Z'));
  const config = parseConfig(defaults);
  const kiosk = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
  const outcome = kiosk.checkInByCard('1001').outcome;
  assert.ok(outcome === 'recorded' || /archiv/i.test(said), `card answered ${outcome}; the preview said ${said}`);
});
