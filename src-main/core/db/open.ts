import Database from 'better-sqlite3';
import { migrations as allMigrations, type Migration } from './migrations/index.js';

export type Db = Database.Database;

/**
 * Opens the kiosk database with the settings every connection must have, then migrates it.
 * synchronous=FULL because acknowledged check-ins were lost on power cuts with NORMAL.
 */
export function openDatabase(file: string, opts: { migrations?: Migration[]; now?: () => Date } = {}): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  // Deleted rows (erased face templates above all) are overwritten, not left readable in free pages.
  db.pragma('secure_delete = ON');
  migrate(db, opts.migrations ?? allMigrations, opts.now ?? (() => new Date()));
  return db;
}

export function migrate(db: Db, migrations: Migration[], now: () => Date): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  const applied = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...applied);
  if (newest > known) {
    throw new Error(`Database schema version ${newest} is newer than this app knows (${known}); update the app`);
  }
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (applied.has(m.version)) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, now().toISOString());
    })();
  }
}
