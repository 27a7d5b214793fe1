// Which texts the provider already has, kept outside the database in <data>/sms-sent.jsonl. A backup
// restore rolls sms_outbox back to the backup's state, so a text that was waiting then and went out
// since is "queued" again; Twilio keeps no idempotency, so sending it again texts the parent twice.
// Like the erasure ledger, this file is not rolled back: the dispatcher checks it before every send,
// and a restore marks the rows it lists as done. Lines hold our message id (a hash), the provider's
// id, a state and times: never a number, a name or the text.
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';

export interface SentRecord {
  messageId: string;
  /** accepted/sent/delivered: the provider has it; failed: it refused it for good. */
  state: 'accepted' | 'sent' | 'delivered' | 'failed';
  providerMessageId: string | null;
  at: string;
  /** The row's time to live; after it (and a margin for the same text being queued again) the line may go. */
  expiresAt: string;
}

export interface SentLedger {
  readonly file: string;
  get(messageId: string): SentRecord | undefined;
  /** Appends and fsyncs before the database is told, so a crash in between is settled from the file. */
  record(r: SentRecord): void;
  all(): SentRecord[];
  /** Drops lines no restore can need any more; returns how many records went. */
  compact(now: Date): number;
  /** Lines skipped at open because they were not records (a torn tail, a stray edit). */
  readonly skippedLines: number;
}

export interface SentLedgerOptions {
  log?: Logger;
  /** For the compaction that runs when the file grows past maxLines between starts. */
  now?: () => Date;
  /** The file is rewritten once it holds this many lines (and twice what the last rewrite kept). */
  maxLines?: number;
}

/** A re-check-in after a restore queues the same text again (same key) on the same school day. */
const KEEP_AFTER_MS = 2 * 86_400_000;
/** A kiosk runs for months; each text adds two or three lines. */
const DEFAULT_MAX_LINES = 20_000;
const STATES: ReadonlySet<string> = new Set(['accepted', 'sent', 'delivered', 'failed']);

function fsyncDir(file: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dirname(file), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function asRecord(line: string): SentRecord | null {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const r = v as Record<string, unknown>;
  const okTime = (t: unknown) => typeof t === 'string' && !Number.isNaN(Date.parse(t));
  if (typeof r.messageId !== 'string' || r.messageId === '' || typeof r.state !== 'string' || !STATES.has(r.state)) return null;
  if (!okTime(r.at) || !okTime(r.expiresAt)) return null;
  if (r.providerMessageId !== null && typeof r.providerMessageId !== 'string') return null;
  return { messageId: r.messageId, state: r.state as SentRecord['state'], providerMessageId: r.providerMessageId, at: r.at as string, expiresAt: r.expiresAt as string };
}

function writeAtomically(file: string, records: SentRecord[]): void {
  const tmp = `${file}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, records.map((r) => JSON.stringify(r) + '\n').join(''));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  fsyncDir(file);
}

export function createSentLedger(file: string, opts: SentLedgerOptions = {}): SentLedger {
  const byId = new Map<string, SentRecord>();
  const maxLines = opts.maxLines ?? DEFAULT_MAX_LINES;
  const now = opts.now ?? (() => new Date());
  let lines = 0;
  let skippedLines = 0;
  let badInFile = 0;
  let keptAtLastCompaction = 0;
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    const parts = text.split('\n');
    // A crash mid-append leaves a tail without its newline. Cutting it off (it never reached the
    // database either: record() fsyncs before anyone is told) keeps the next append on a line of its own.
    const tail = parts.pop() ?? '';
    if (tail !== '') {
      const kept = asRecord(tail);
      if (kept) appendFileSync(file, '\n');
      else truncateSync(file, Buffer.byteLength(text, 'utf8') - Buffer.byteLength(tail, 'utf8'));
      parts.push(tail);
    }
    const bad: number[] = [];
    parts.forEach((line, i) => {
      if (line.trim() === '') return;
      const r = asRecord(line);
      if (!r) {
        bad.push(i + 1);
        return;
      }
      lines++;
      byId.set(r.messageId, r);
    });
    skippedLines = bad.length;
    badInFile = bad.length;
    keptAtLastCompaction = byId.size;
    if (bad.length > 0) opts.log?.warn('sms sent-ledger lines skipped', { file, count: bad.length, lines: bad.slice(0, 10) });
  }
  const ledger: SentLedger = {
    file,
    get skippedLines() {
      return skippedLines;
    },
    get: (messageId) => byId.get(messageId),
    record(r) {
      const isNew = !existsSync(file);
      const fd = openSync(file, 'a', 0o600);
      try {
        writeSync(fd, JSON.stringify(r) + '\n');
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      if (isNew) fsyncDir(file);
      byId.set(r.messageId, r);
      lines++;
      // Twice what the last rewrite kept as well, so a ledger full of records still needed is not
      // rewritten on every send.
      if (lines >= Math.max(maxLines, 2 * keptAtLastCompaction)) {
        try {
          ledger.compact(now());
        } catch (e) {
          opts.log?.warn('sms sent-ledger not compacted', { error: (e as { code?: string }).code ?? (e as Error).message });
        }
      }
    },
    all: () => [...byId.values()],
    compact(at) {
      const keep = [...byId.values()].filter((r) => Math.max(Date.parse(r.expiresAt), Date.parse(r.at) + KEEP_AFTER_MS) > at.getTime());
      const dropped = byId.size - keep.length;
      // Superseded states (accepted, then delivered) and skipped lines go too.
      if (dropped === 0 && lines === byId.size && badInFile === 0) {
        keptAtLastCompaction = byId.size;
        return 0;
      }
      writeAtomically(file, keep);
      byId.clear();
      for (const r of keep) byId.set(r.messageId, r);
      lines = keep.length;
      keptAtLastCompaction = keep.length;
      badInFile = 0;
      return dropped;
    },
  };
  return ledger;
}

/**
 * Moves an outbox row that the ledger says already reached the provider out of the queue, to where
 * the provider put it; returns whether the row changed. The provider's id comes back too, so its
 * delivery reports still match the row.
 */
export function settleFromLedger(db: Db, r: SentRecord, now: Date): boolean {
  const reason = r.state === 'failed' ? 'refused by the provider before the database was restored' : null;
  return (
    db
      .prepare(
        `UPDATE sms_outbox SET state = @state, outcome_unknown = 0, updated_at = @now,
           provider_message_id = COALESCE(provider_message_id, @pid),
           last_error = COALESCE(@reason, last_error),
           sent_at = CASE WHEN @state IN ('sent', 'delivered') AND sent_at IS NULL THEN @at ELSE sent_at END,
           delivered_at = CASE WHEN @state = 'delivered' AND delivered_at IS NULL THEN @at ELSE delivered_at END
         WHERE message_id = @messageId AND state IN ('queued', 'sending')`,
      )
      .run({ state: r.state, now: now.toISOString(), pid: r.providerMessageId, reason, at: r.at, messageId: r.messageId }).changes === 1
  );
}

/** The afterRestore hook: every row the ledger lists as done leaves the queue. Returns how many moved. */
export function reapplySentLedger(db: Db, ledger: SentLedger, now: Date): number {
  let moved = 0;
  db.transaction(() => {
    for (const r of ledger.all()) if (settleFromLedger(db, r, now)) moved++;
  })();
  return moved;
}
