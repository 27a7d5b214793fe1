import type { Migration } from './types.js';

/**
 * Admin PINs (one per role, scrypt hashes) and the wrong-PIN lockout. The lockout is stored so that
 * pulling the plug does not reset it.
 */
export const adminAccess: Migration = {
  version: 30,
  name: 'admin PINs and lockout',
  sql: `
    CREATE TABLE admin_pins (
      role     TEXT PRIMARY KEY CHECK (role IN ('office', 'it')),
      pin_hash TEXT NOT NULL,
      set_at   TEXT NOT NULL
    );
    CREATE TABLE admin_lockout (
      id           INTEGER PRIMARY KEY CHECK (id = 1),
      failures     INTEGER NOT NULL,
      lockouts     INTEGER NOT NULL,
      locked_until TEXT
    );
    INSERT INTO admin_lockout (id, failures, lockouts, locked_until) VALUES (1, 0, 0, NULL);
  `,
};
