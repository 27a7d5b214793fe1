// Group commit: small writes that must each be durable before their caller is answered share one
// transaction, so a burst costs one fsync (synchronous=FULL) instead of one per write. A write waits
// at most until the event loop's next check phase: everything that arrived in the same turn (under
// load, everything that queued up while the previous commit's fsync held the loop) goes together, and
// a lone write is committed at once, with no timer added to its latency.
import type { Db } from './open.js';

export interface GroupCommit<T, R> {
  /** Resolves with the write's result once its transaction has committed; rejects if it rolled back. */
  submit(item: T): Promise<R>;
  /** Commits whatever is waiting now (stop, before the database closes). */
  flush(): void;
  /** Writes waiting for the next commit. */
  pending(): number;
}

export function createGroupCommit<T, R>(opts: {
  db: Db;
  /** One write, run inside the shared transaction; it must not open one of its own. */
  write: (item: T) => R;
  /** A batch this large commits at once instead of waiting for the check phase. */
  maxBatch?: number;
}): GroupCommit<T, R> {
  const maxBatch = opts.maxBatch ?? 500;
  let waiting: Array<{ item: T; resolve: (r: R) => void; reject: (e: unknown) => void }> = [];
  let scheduled: NodeJS.Immediate | undefined;

  function flush(): void {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    let results: R[];
    try {
      // IMMEDIATE takes the write lock at BEGIN, where the busy timeout applies, rather than failing on
      // the first write when another process (an import) holds it.
      results = opts.db.transaction(() => batch.map((w) => opts.write(w.item))).immediate();
    } catch (e) {
      for (const w of batch) w.reject(e);
      return;
    }
    batch.forEach((w, i) => w.resolve(results[i]!));
  }

  return {
    submit(item) {
      return new Promise<R>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        if (waiting.length >= maxBatch) flush();
        else scheduled ??= setImmediate(flush);
      });
    },
    flush,
    pending: () => waiting.length,
  };
}
