// Is the database file fit to serve from? A thrown check pragma is corruption (a damaged header or
// page throws rather than reporting), and a zero-length file passes quick_check, so the schema is
// checked too: an app that ran CREATE TABLE IF NOT EXISTS on it would silently start empty.
import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { REQUIRED_TABLES } from './schema-facts.js';

export type DatabaseFileState =
  | { state: 'ok' }
  | { state: 'missing' }
  | { state: 'empty'; detail: string }
  | { state: 'corrupt'; detail: string };

export function checkDatabaseFile(file: string): DatabaseFileState {
  if (!existsSync(file)) return { state: 'missing' };
  if (statSync(file).size === 0) return { state: 'empty', detail: 'the database file is empty (0 bytes)' };
  let db: Database.Database | null = null;
  try {
    db = new Database(file, { fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    const result = rows.map((r) => r.quick_check);
    if (!(result.length === 1 && result[0] === 'ok')) return { state: 'corrupt', detail: `quick_check: ${result.join('; ').slice(0, 500)}` };
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name);
    if (tables.length === 0) return { state: 'empty', detail: 'the database has no tables' };
    const missing = REQUIRED_TABLES.filter((t) => !tables.includes(t));
    if (missing.length > 0) return { state: 'corrupt', detail: `tables missing: ${missing.join(', ')}` };
    const v = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
    if (v === 0) return { state: 'corrupt', detail: 'no schema version recorded' };
    return { state: 'ok' };
  } catch (e) {
    const code = (e as { code?: string }).code;
    return { state: 'corrupt', detail: `${code ? `${code}: ` : ''}${(e as Error).message}` };
  } finally {
    db?.close();
  }
}
