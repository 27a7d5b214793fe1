// What a usable Rollcall database must contain, shared by the startup check, backup verification and
// restore: without these tables the kiosk would silently start empty.
import { migrations } from './migrations/index.js';

export const REQUIRED_TABLES = ['schema_migrations', 'students', 'guardians', 'attendance', 'sms_outbox'];

/** The newest schema version this build knows how to reach. */
export const KNOWN_SCHEMA_VERSION = Math.max(0, ...migrations.map((m) => m.version));
