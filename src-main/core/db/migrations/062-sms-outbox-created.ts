import type { Migration } from './types.js';

/**
 * The last day's delivery ratio (read at every /metrics scrape and by the admin screen) looks at the
 * texts created in the last 24 h; without this it read every delivered text ever kept.
 */
export const smsOutboxCreated: Migration = {
  version: 62,
  name: 'sms outbox by creation time',
  sql: `
    CREATE INDEX sms_outbox_created ON sms_outbox(created_at, state);
  `,
};
