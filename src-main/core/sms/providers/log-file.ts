// Where the log provider writes: <data>/logs/sms.log, rotated daily to sms.<YYYY-MM-DD>.log and kept
// `keepDays` days. The texts name children, so this file must not grow into a years-long record of
// who arrived when; the attendance table is that record, under the school's own retention.
import { appendFileSync, closeSync, mkdirSync, openSync, readdirSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SmsLogFileOptions {
  dir: string;
  keepDays: number;
  now: () => Date;
}

const ROTATED = /^sms\.(\d{4}-\d\d-\d\d)\.log$/;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The day of the file's first line (the kiosk's clock, which drills set), else of its last change. */
function dayOfFile(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const head = Buffer.alloc(512);
    const n = readSync(fd, head, 0, head.length, 0);
    const m = /"at":"(\d{4}-\d\d-\d\d)T/.exec(head.subarray(0, n).toString('utf8'));
    return m ? m[1]! : dayOf(statSync(file).mtime);
  } finally {
    closeSync(fd);
  }
}

/** Takes one JSON object per call and writes it with the time it was written first (`at`). */
export function smsLogFile(opts: SmsLogFileOptions): (line: string) => void {
  const current = join(opts.dir, 'sms.log');

  const rotate = (today: string) => {
    const written = dayOfFile(current);
    if (written !== null && written < today) renameSync(current, join(opts.dir, `sms.${written}.log`));
    const oldest = dayOf(new Date(opts.now().getTime() - opts.keepDays * 86_400_000));
    for (const f of readdirSync(opts.dir)) {
      const m = ROTATED.exec(f);
      if (m && m[1]! < oldest) rmSync(join(opts.dir, f), { force: true });
    }
  };

  let checkedDay = '';
  return (line) => {
    const today = dayOf(opts.now());
    if (today !== checkedDay) {
      mkdirSync(opts.dir, { recursive: true });
      rotate(today);
      checkedDay = today;
    }
    appendFileSync(current, `{"at":${JSON.stringify(opts.now().toISOString())},${line.slice(1)}\n`, { mode: 0o600 });
  };
}
