// Test support: a real database in a temp folder holding what an outbox row points at (one student,
// three guardians, one check-in), and a shorthand to queue a text for it.
import { join } from 'node:path';
import { openDatabase, type Db } from '../db/open.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { enqueueSms, type NewSms } from './outbox.js';

export const schoolMorning = new Date('2026-12-07T07:52:00Z');

export interface OutboxFixture {
  db: Db;
  studentId: number;
  guardianIds: number[];
  attendanceId: number;
  /** Queues the check-in text for guardian `n` (0-2); fields may be overridden. */
  enqueue(n: number, overrides?: Partial<NewSms>): { inserted: boolean };
  /** The outbox row for guardian `n`. */
  rowFor(n: number): OutboxRow;
}

export interface OutboxRow {
  id: number;
  message_id: string;
  phone_e164: string;
  body: string;
  priority: number;
  state: string;
  attempts: number;
  next_attempt_at: string;
  expires_at: string;
  last_error: string | null;
  created_at: string;
}

export function openOutboxFixture(now: Date = schoolMorning): OutboxFixture {
  const db = openDatabase(join(tempDir(), 'rollcall.db'), { now: () => now });
  const at = now.toISOString();
  const studentId = Number(
    db.prepare(`INSERT INTO students (student_number, first_name, last_name, created_at, updated_at) VALUES ('1001', 'Zoë', 'Núñez', ?, ?)`).run(at, at)
      .lastInsertRowid,
  );
  const guardianIds = ['+447400123456', '+447400654321', '+447400222333'].map((phone, i) =>
    Number(db.prepare(`INSERT INTO guardians (name, phone_e164, created_at, updated_at) VALUES (?, ?, ?, ?)`).run(`Guardian ${i + 1}`, phone, at, at).lastInsertRowid),
  );
  const attendanceId = Number(
    db
      .prepare(
        `INSERT INTO attendance (student_id, occurred_at, local_date, local_time, session, kind, status, method, created_at)
         VALUES (?, ?, '2026-12-07', '07:52:00', 'morning', 'check_in', 'on_time', 'face', ?)`,
      )
      .run(studentId, at, at).lastInsertRowid,
  );
  const phones = db.prepare('SELECT phone_e164 FROM guardians WHERE id = ?');
  return {
    db,
    studentId,
    guardianIds,
    attendanceId,
    enqueue(n, overrides = {}) {
      const guardianId = guardianIds[n]!;
      return enqueueSms(db, {
        idempotencyKey: `attendance:${attendanceId}:guardian:${guardianId}`,
        type: 'check_in',
        studentId,
        guardianId,
        attendanceId,
        phoneE164: (phones.get(guardianId) as { phone_e164: string }).phone_e164,
        body: 'Good day! Your child Zoë Núñez has checked in at 07:52. - Hill School',
        now,
        ttlSeconds: 7200,
        ...overrides,
      });
    },
    rowFor(n) {
      return db.prepare('SELECT * FROM sms_outbox WHERE guardian_id = ?').get(guardianIds[n]) as OutboxRow;
    },
  };
}
