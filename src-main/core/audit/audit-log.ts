// Who changed what, kept so it cannot be quietly rewritten: rows are append-only (triggers) and each
// row's hash covers the previous hash, so deleting or editing history breaks the chain at that row.
import { createHash } from 'node:crypto';
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';

export interface AuditEntry {
  /** Who did it: 'office', 'it', 'system', 'import', … — never a child's name. */
  actor: string;
  /** Dotted verb, e.g. 'attendance.correct', 'consent.withdraw', 'settings.update'. */
  action: string;
  /** What it was done to, e.g. 'student:1001'. */
  subject?: string;
  details?: Record<string, unknown>;
}

export interface AuditRecord extends Required<AuditEntry> {
  seq: number;
  occurredAt: string;
  prevHash: string;
  hash: string;
}

export type AuditVerification = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: string };

const GENESIS = '0'.repeat(64);

interface Row {
  seq: number;
  occurred_at: string;
  actor: string;
  action: string;
  subject: string;
  details: string;
  prev_hash: string;
  hash: string;
}

function hashOf(prevHash: string, occurredAt: string, actor: string, action: string, subject: string, details: string): string {
  return createHash('sha256').update(JSON.stringify([prevHash, occurredAt, actor, action, subject, details])).digest('hex');
}

export function createAuditLog(db: Db, clock: Clock) {
  const last = db.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO audit_log (occurred_at, actor, action, subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );

  return {
    /** Appends inside the caller's transaction when there is one, so the change and its record land together. */
    append(entry: AuditEntry): void {
      const occurredAt = clock.now().toISOString();
      const subject = entry.subject ?? '';
      const details = JSON.stringify(entry.details ?? {});
      const prevHash = (last.get() as { hash: string } | undefined)?.hash ?? GENESIS;
      insert.run(occurredAt, entry.actor, entry.action, subject, details, prevHash, hashOf(prevHash, occurredAt, entry.actor, entry.action, subject, details));
    },

    list(opts: { limit?: number; beforeSeq?: number; subject?: string } = {}): AuditRecord[] {
      const rows = db
        .prepare(
          `SELECT * FROM audit_log WHERE seq < ? ${opts.subject ? 'AND subject = ?' : ''} ORDER BY seq DESC LIMIT ?`,
        )
        .all(...[opts.beforeSeq ?? Number.MAX_SAFE_INTEGER, ...(opts.subject ? [opts.subject] : []), opts.limit ?? 100]) as Row[];
      return rows.map((r) => ({
        seq: r.seq,
        occurredAt: r.occurred_at,
        actor: r.actor,
        action: r.action,
        subject: r.subject,
        details: JSON.parse(r.details) as Record<string, unknown>,
        prevHash: r.prev_hash,
        hash: r.hash,
      }));
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

/** Walks the whole chain; used by `npm run audit:verify` and by health. */
export function verifyAuditLog(db: Db): AuditVerification {
  let prev = GENESIS;
  let rows = 0;
  for (const r of db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
    rows++;
    if (r.prev_hash !== prev) return { ok: false, rows, brokenAt: r.seq, reason: 'previous hash does not match (a row was removed or reordered)' };
    if (hashOf(r.prev_hash, r.occurred_at, r.actor, r.action, r.subject, r.details) !== r.hash) {
      return { ok: false, rows, brokenAt: r.seq, reason: 'row content does not match its hash (the row was edited)' };
    }
    prev = r.hash;
  }
  return { ok: true, rows };
}
