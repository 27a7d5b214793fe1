// Versioned, transactional schema migrations, one file each. Add a file and list it here; never edit a
// shipped one. Versions are applied by whether they are recorded, so parallel branches may land in any order.
import { peopleAttendanceOutbox } from './001-people-attendance-outbox.js';
import { auditConsent } from './002-audit-consent.js';
import { smsDelivery } from './010-sms-delivery.js';
import { healthProbeDailyJobs } from './020-health-probe-daily-jobs.js';
import { adminAccess } from './030-admin-access.js';
import { settingsOverrides } from './031-settings-overrides.js';
import { attendanceOffice } from './035-attendance-office.js';
import { peopleNotifyLookAlike } from './040-people-notify-look-alike.js';
import { biometricPrivacy } from './050-biometric-privacy.js';
import { dailyNotices } from './060-daily-notices.js';
import { attendanceAfterRemoval } from './061-attendance-after-removal.js';
import { smsOutboxCreated } from './062-sms-outbox-created.js';
import { kioskPinGuard } from './063-kiosk-pin-guard-admin-it-lane.js';
export type { Migration } from './types.js';

export const migrations = [
  peopleAttendanceOutbox,
  auditConsent,
  smsDelivery,
  healthProbeDailyJobs,
  adminAccess,
  settingsOverrides,
  attendanceOffice,
  peopleNotifyLookAlike,
  biometricPrivacy,
  dailyNotices,
  attendanceAfterRemoval,
  smsOutboxCreated,
  kioskPinGuard,
];
