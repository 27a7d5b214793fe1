// Where the log provider writes: <data>/logs/sms.log, rotated daily to sms.<YYYY-MM-DD>.log and kept
// `keepDays` days. The texts name children, so this file must not grow into a years-long record of
// who arrived when; the attendance table is that record, under the school's own retention.
import { appendFileSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SmsLogFileOptions {
  dir: string;
  keepDays: number;
  now: () => Date;
}

const ROTATED = /^sms\.(\d{4}-\d\d-\d\d)\.log$/;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

export function smsLogFile(opts: SmsLogFileOptions): (line: string) => void {
  const current = join(opts.dir, 'sms.log');

  const rotate = (today: string) => {
    let written: string;
    try {
      written = dayOf(statSync(current).mtime);
    } catch {
      written = today;
    }
    if (written < today) renameSync(current, join(opts.dir, `sms.${written}.log`));
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
    appendFileSync(current, line + '\n', { mode: 0o600 });
  };
}
