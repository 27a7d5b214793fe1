import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations/index.js';
import { assertSqliteVersion } from './sqlite-version.js';

export type Db = Database.Database;

/**
 * Opens the kiosk database with the settings every connection must have, then migrates it.
 * synchronous=FULL because acknowledged check-ins were lost on power cuts with NORMAL.
 */
export function openDatabase(file: string, opts: { migrations?: Migration[]; now?: () => Date } = {}): Db {
  const db = new Database(file);
  try {
    applyConnectionSettings(db);
    migrate(db, opts.migrations ?? allMigrations, opts.now ?? (() => new Date()));
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

export const BUSY_TIMEOUT_MS = 5000;

/**
 * Sets and then reads back every setting, because better-sqlite3 silently reopens a WAL database with
 * synchronous=NORMAL (its compile default) and a read-only or odd filesystem can refuse WAL.
 */
export function applyConnectionSettings(db: Db): void {
  assertSqliteVersion((db.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  // Deleted rows (erased face templates above all) are overwritten, not left readable in free pages.
  db.pragma('secure_delete = ON');
  // Bounds the -wal file left behind after a checkpoint (64 MiB), so a burst cannot keep the disk filled.
  db.pragma('journal_size_limit = 67108864');
  const actual = {
    journal_mode: db.pragma('journal_mode', { simple: true }),
    synchronous: db.pragma('synchronous', { simple: true }),
    foreign_keys: db.pragma('foreign_keys', { simple: true }),
    busy_timeout: db.pragma('busy_timeout', { simple: true }),
  };
  const wanted = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: BUSY_TIMEOUT_MS };
  for (const [k, v] of Object.entries(wanted)) {
    if (actual[k as keyof typeof actual] !== v) {
      throw new Error(`SQLite setting ${k} is ${String(actual[k as keyof typeof actual])}, expected ${v} (${db.name})`);
    }
  }
}

/** The newest schema version recorded in the database, 0 for none. */
export function schemaVersion(db: Db): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
  if (!has) return 0;
  return (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
}

export function migrate(db: Db, migrations: Migration[], now: () => Date): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const appliedVersions = () => new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...appliedVersions());
  if (newest > known) {
    throw new Error(`Database schema version ${newest} is newer than this app knows (${known}); update the app`);
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    // IMMEDIATE takes the write lock before looking, so a second process starting at the same moment
    // (an import while the kiosk starts) waits and then skips instead of applying the same step twice.
    db.transaction(() => {
      if (appliedVersions().has(m.version)) return;
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now().toISOString());
    }).immediate();
  }
}
