// Which texts the provider already has, kept outside the database in <data>/sms-sent.jsonl. A backup
// restore rolls sms_outbox back to the backup's state, so a text that was waiting then and went out
// since is "queued" again; Twilio keeps no idempotency, so sending it again texts the parent twice.
// Like the erasure ledger, this file is not rolled back: the dispatcher checks it before every send,
// and a restore marks the rows it lists as done. Lines hold our message id (a hash), the provider's
// id, a state and times: never a number, a name or the text.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Db } from '../db/open.js';

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
  /** Drops lines no restore can need any more; returns how many went. */
  compact(now: Date): number;
}

/** A re-check-in after a restore queues the same text again (same key) on the same school day. */
const KEEP_AFTER_MS = 2 * 86_400_000;

function fsyncDir(file: string): void {
  if (process.platform === 'win32') return;
  const fd = openSync(dirname(file), 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function createSentLedger(file: string): SentLedger {
  const byId = new Map<string, SentRecord>();
  if (existsSync(file)) {
    const lines = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '');
    lines.forEach((line, i) => {
      try {
        const r = JSON.parse(line) as SentRecord;
        byId.set(r.messageId, r);
      } catch (e) {
        // Only the last line can be torn (a crash mid-append).
        if (i !== lines.length - 1) throw new Error(`${file} line ${i + 1} is not valid JSON: ${(e as Error).message}`);
      }
    });
  }
  return {
    file,
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
    },
    all: () => [...byId.values()],
    compact(now) {
      const keep = [...byId.values()].filter((r) => Math.max(Date.parse(r.expiresAt), Date.parse(r.at) + KEEP_AFTER_MS) > now.getTime());
      const dropped = byId.size - keep.length;
      if (dropped === 0) return 0;
      const tmp = `${file}.tmp`;
      const fd = openSync(tmp, 'w', 0o600);
      try {
        writeSync(fd, keep.map((r) => JSON.stringify(r) + '\n').join(''));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(tmp, file);
      fsyncDir(file);
      byId.clear();
      for (const r of keep) byId.set(r.messageId, r);
      return dropped;
    },
  };
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
