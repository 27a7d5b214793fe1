import type { Migration } from './types.js';

/**
 * Each guardian chooses which texts they get (every type on by default, so existing guardians keep
 * getting what they got). Students whose faces are close to another enrolled student's are flagged so
 * the kiosk always confirms them with a second factor.
 */
export const peopleNotifyLookAlike: Migration = {
  version: 40,
  name: 'guardian notification choices, look-alike flag',
  sql: `
    ALTER TABLE guardians ADD COLUMN notify TEXT NOT NULL DEFAULT 'check_in,check_out,late_arrival,absence,no_checkout';
    ALTER TABLE students ADD COLUMN look_alike INTEGER NOT NULL DEFAULT 0;
  `,
};
