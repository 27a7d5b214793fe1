import type { Migration } from './types.js';

/**
 * Settings changed from the admin screen: one JSON document of overrides, merged over the config
 * file at start and on every change. The file stays the school's baseline; history is in the audit log.
 */
export const settingsOverrides: Migration = {
  version: 31,
  name: 'settings overrides',
  sql: `
    CREATE TABLE settings_overrides (
      id         INTEGER PRIMARY KEY CHECK (id = 1),
      doc        TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );
  `,
};
