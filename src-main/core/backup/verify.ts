// Copies and verifies a database off the main thread: the online backup API from a pinned read
// snapshot, then integrity_check (O(N log N), 1.4 s at 1M rows, far too long to block the kiosk),
// foreign_key_check, schema version, required tables and row counts.
// The worker is plain JavaScript run with `eval: true` so it behaves the same under tsx, in the esbuild
// bundle Electron loads and in the serve host, without a separate worker build output.
import { createRequire } from 'node:module';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

export interface VerifyRequest {
  /**
   * Live database to copy into `file` first, with SQLite's backup API on this worker's own connection.
   * The copy runs inside one read transaction, so it is one consistent snapshot and the kiosk's writes
   * meanwhile (on its own connection) never restart it; the last step's commit and fsync of the whole
   * copy (200-370 ms for 190 MB on a busy disk, measured) then block this thread, not the kiosk's.
   */
  copyFrom?: string;
  file: string;
  /** Rewrites the copy as a self-contained file (journal_mode=DELETE) and fsyncs it before checking. */
  prepare: boolean;
  /** sha256 the file must have before anything else is done (a published backup's manifest). */
  sha256?: string;
  /** Exact schema version (a fresh copy of the live database). */
  schemaVersion?: number;
  /** Highest schema version this app can migrate from (a backup about to be restored). */
  maxSchemaVersion?: number;
  requiredTables: string[];
  /** Row counts the copy must have exactly (its manifest). */
  counts?: Record<string, number>;
}

export interface VerifyResult {
  ok: boolean;
  problems: string[];
  integrity: string;
  schemaVersion: number;
  counts: Record<string, number>;
  sha256: string;
  bytes: number;
  integrityMs: number;
  /** Time the copy took (0 without copyFrom). */
  backupMs: number;
}

const WORKER_SOURCE = String.raw`
const { workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
const req = workerData.request;
let Database;

function sha256(file) {
  const h = crypto.createHash('sha256');
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    let n;
    while ((n = fs.readSync(fd, buf, 0, buf.length, null)) > 0) h.update(buf.subarray(0, n));
  } finally { fs.closeSync(fd); }
  return h.digest('hex');
}

function fsyncFile(file) {
  const fd = fs.openSync(file, 'r+');
  try { fs.fsyncSync(fd); } finally { fs.closeSync(fd); }
}

async function copy(out) {
  const src = new Database(req.copyFrom, { fileMustExist: true, timeout: 5000 });
  try {
    const t0 = performance.now();
    src.exec('BEGIN');
    src.prepare('SELECT COUNT(*) FROM sqlite_master').get();
    await src.backup(req.file, { progress: () => 0x7fffffff });
    src.exec('COMMIT');
    out.backupMs = performance.now() - t0;
  } finally {
    src.close();
  }
}

async function run() {
  const out = { ok: false, problems: [], integrity: 'not checked', schemaVersion: 0, counts: {}, sha256: '', bytes: 0, integrityMs: 0, backupMs: 0 };
  if (req.copyFrom) await copy(out);
  const size = fs.statSync(req.file).size;
  out.bytes = size;
  if (size === 0) { out.problems.push('the file is empty (0 bytes)'); return out; }
  if (req.sha256) {
    const actual = sha256(req.file);
    if (actual !== req.sha256) { out.problems.push('sha256 differs from the manifest'); return out; }
  }
  let db;
  try {
    db = new Database(req.file, req.prepare ? { fileMustExist: true } : { readonly: true, fileMustExist: true });
    if (req.prepare) db.pragma('journal_mode = DELETE');
    const t0 = performance.now();
    const rows = db.pragma('integrity_check');
    out.integrityMs = performance.now() - t0;
    const msgs = rows.map((r) => r.integrity_check);
    out.integrity = msgs.join('; ');
    if (!(msgs.length === 1 && msgs[0] === 'ok')) out.problems.push('integrity_check: ' + out.integrity.slice(0, 500));
    const fk = db.pragma('foreign_key_check');
    if (fk.length > 0) out.problems.push('foreign_key_check: ' + fk.length + ' violations (first in ' + fk[0].table + ')');
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all().map((r) => r.name);
    for (const t of req.requiredTables) if (!tables.includes(t)) out.problems.push('table ' + t + ' is missing');
    if (tables.includes('schema_migrations')) {
      out.schemaVersion = db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get().v;
    }
    if (out.schemaVersion === 0) out.problems.push('no schema version recorded');
    if (req.schemaVersion !== undefined && out.schemaVersion !== req.schemaVersion) {
      out.problems.push('schema version ' + out.schemaVersion + ', expected ' + req.schemaVersion);
    }
    if (req.maxSchemaVersion !== undefined && out.schemaVersion > req.maxSchemaVersion) {
      out.problems.push('schema version ' + out.schemaVersion + ' is newer than this app (' + req.maxSchemaVersion + ')');
    }
    for (const t of tables) out.counts[t] = db.prepare('SELECT COUNT(*) AS n FROM "' + t.replace(/"/g, '""') + '"').get().n;
    if (req.counts) {
      for (const [t, n] of Object.entries(req.counts)) {
        if (out.counts[t] !== n) out.problems.push('table ' + t + ' has ' + out.counts[t] + ' rows, the manifest says ' + n);
      }
    }
  } catch (e) {
    out.problems.push((e.code ? e.code + ': ' : '') + e.message);
  } finally {
    if (db && db.open) db.close();
  }
  if (out.problems.length === 0) {
    if (req.prepare) fsyncFile(req.file);
    out.sha256 = req.sha256 || sha256(req.file);
    out.bytes = fs.statSync(req.file).size;
    out.ok = true;
  }
  return out;
}

// Lowest CPU priority for this thread only (Linux: a thread id is a valid setpriority target), so on
// a small kiosk the check never competes with the main loop or the camera pipeline.
try {
  const m = /task\/(\d+)$/.exec(fs.readlinkSync('/proc/thread-self'));
  if (m) require('node:os').setPriority(Number(m[1]), 19);
} catch (e) { /* not Linux: normal priority */ }

(async () => {
  let result;
  try { Database = require(workerData.sqlitePath); result = await run(); } catch (e) {
    result = { ok: false, problems: [(e && e.code ? e.code + ': ' : '') + String(e && e.message || e)], integrity: 'not checked', schemaVersion: 0, counts: {}, sha256: '', bytes: 0, integrityMs: 0, backupMs: 0 };
  }
  workerData.port.postMessage(result);
  if (workerData.signal) { Atomics.store(workerData.signal, 0, 1); Atomics.notify(workerData.signal, 0); }
})();
`;

/** better-sqlite3's entry file, resolved here because an eval worker resolves from the working dir. */
function sqlitePath(): string {
  const base = typeof __filename === 'string' ? __filename : import.meta.url;
  return createRequire(base).resolve('better-sqlite3');
}

function start(request: VerifyRequest, signal?: Int32Array) {
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { sqlitePath: sqlitePath(), request, port: port2, signal },
    transferList: [port2],
  });
  return { worker, port: port1 };
}

function failed(message: string): VerifyResult {
  return { ok: false, problems: [message], integrity: 'not checked', schemaVersion: 0, counts: {}, sha256: '', bytes: 0, integrityMs: 0, backupMs: 0 };
}

/** Verifies in a worker thread; the main event loop keeps running. */
export function verifyCopy(request: VerifyRequest): Promise<VerifyResult> {
  return new Promise((resolve) => {
    const { worker, port } = start(request);
    let settled = false;
    const settle = (r: VerifyResult) => {
      if (settled) return;
      settled = true;
      port.close();
      resolve(r);
    };
    port.once('message', (r: VerifyResult) => settle(r));
    worker.once('error', (e) => settle(failed(`verification worker failed: ${e.message}`)));
    worker.once('exit', (code) => {
      // The result message may still be in flight when the worker exits; read it before giving up.
      const last = receiveMessageOnPort(port);
      settle(last ? (last.message as VerifyResult) : failed(`verification worker exited with code ${code}`));
    });
  });
}

/**
 * The same verification, waited for synchronously: at startup (before anything serves) and in the
 * command-line tools, where there is no event loop to keep free.
 */
export function verifyCopySync(request: VerifyRequest): VerifyResult {
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { worker, port } = start(request, signal);
  // The worker catches everything and always signals, so this wait ends.
  Atomics.wait(signal, 0, 0);
  const message = receiveMessageOnPort(port);
  port.close();
  void worker.terminate();
  return message ? (message.message as VerifyResult) : failed('verification worker exited without a result');
}
