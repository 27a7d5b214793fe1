import type { Migration } from './types.js';

/**
 * What /metrics reads at every scrape: the last day's delivery ratio, through an index on creation
 * time (without it, every delivered text ever kept is read), and the outbox's count by state, kept by
 * triggers in the same transaction as each change, so it always equals the outbox and costs a lookup
 * rather than a walk over a year of rows (33 ms at 365,000 texts).
 */
export const smsOutboxCreated: Migration = {
  version: 62,
  name: 'sms outbox by creation time and counts by state',
  sql: `
    CREATE INDEX sms_outbox_created ON sms_outbox(created_at, state);

    CREATE TABLE sms_outbox_state_counts (
      state TEXT PRIMARY KEY,
      n     INTEGER NOT NULL
    ) WITHOUT ROWID;
    INSERT INTO sms_outbox_state_counts (state, n) SELECT state, COUNT(*) FROM sms_outbox GROUP BY state;

    CREATE TRIGGER sms_outbox_count_insert AFTER INSERT ON sms_outbox BEGIN
      INSERT INTO sms_outbox_state_counts (state, n) VALUES (NEW.state, 1) ON CONFLICT (state) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER sms_outbox_count_update AFTER UPDATE OF state ON sms_outbox WHEN NEW.state IS NOT OLD.state BEGIN
      UPDATE sms_outbox_state_counts SET n = n - 1 WHERE state = OLD.state;
      INSERT INTO sms_outbox_state_counts (state, n) VALUES (NEW.state, 1) ON CONFLICT (state) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER sms_outbox_count_delete AFTER DELETE ON sms_outbox BEGIN
      UPDATE sms_outbox_state_counts SET n = n - 1 WHERE state = OLD.state;
    END;
  `,
};
