// A kiosk process for the kill -9 drill: checks students in by card, one after another, through the real
// check-in service against a real database file, and prints "ack <student number>" only after the
// transaction has returned (the moment the kiosk would greet the student). It first repeats the last
// check-in of the previous run, as a kiosk re-sends its last request after a crash.
//   node --import tsx check-in-writer.ts DB_FILE FIRST_INDEX
import { writeSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { parseConfig } from '../core/config/load.js';
import { createCheckInService } from '../core/attendance/checkins.js';
import { openDatabase } from '../core/db/open.js';
import { silentLogger } from '../core/log.js';
import { manualClock } from '../core/time/clock.js';
import { randomBytes } from 'node:crypto';
import { createTemplateCipher } from '../core/recognition/template-cipher.js';

const [file, first] = process.argv.slice(2);
const defaults = JSON.parse(readFileSync(new URL('../../config/default.json', import.meta.url), 'utf8'));
const config = parseConfig(defaults);
const clock = manualClock(new Date('2026-12-07T07:05:00Z'));
const db = openDatabase(file!);
const checkIns = createCheckInService({ db, config: () => config, clock, log: silentLogger, cipher: createTemplateCipher(randomBytes(32)) });
const number = (i: number) => `S${String(i).padStart(4, '0')}`;
const students = (db.prepare('SELECT COUNT(*) AS n FROM students').get() as { n: number }).n;

const start = Number(first);
for (let i = Math.max(0, start - 1); i < students; i++) {
  const r = checkIns.checkInByCard(number(i));
  if (r.outcome !== 'recorded' && r.outcome !== 'already_recorded') throw new Error(`unexpected ${r.outcome}`);
  writeSync(1, `ack ${number(i)}\n`);
}
writeSync(1, 'done\n');
