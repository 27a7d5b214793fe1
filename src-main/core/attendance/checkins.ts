// Where a check-in is decided: identify the student (face, card or PIN), apply the attendance rules,
// and write the attendance row with one SMS outbox row per guardian in a single transaction.
import type { CheckInResult, FaceEvidence } from '../../../src-preload/contract.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { Logger } from '../log.js';
import type { Clock } from '../time/clock.js';
import { toSchoolTime } from '../time/school-time.js';
import { decideAttendance, type AttendanceDecision } from './rules.js';
import { matchFace, type GalleryEntry, type MatchResult } from '../recognition/matcher.js';
import { loadGallery, markTemplatesUsed } from '../recognition/templates.js';
import type { TemplateCipher } from '../recognition/template-cipher.js';
import { regionRules } from '../privacy/regions.js';
import { findStudentByNumber, findStudentById, findStudentByTypedNumber, type Student } from '../people/students.js';
import { guardiansToNotify, type MessageType } from '../people/notify.js';
import { pinMatches } from './pin-check.js';
import { enqueueSms } from '../sms/outbox.js';
import { formatSchoolTime, formatSchoolDate, renderTemplate } from '../sms/templates.js';
import { createPinGuard } from './pin-guard.js';
import { decideManualEntry, type ManualEntryDecision } from './manual-entry.js';
import { withdrawNotices } from '../daily-notices/notices.js';

export type Method = 'face' | 'qr' | 'pin' | 'manual';

export interface CheckInServiceDeps {
  db: Db;
  config: () => Config;
  clock: Clock;
  log: Logger;
  /** Opens the sealed templates for the in-memory gallery. */
  cipher: TemplateCipher;
  /** Called after a commit that queued messages, so the dispatcher sends without waiting to poll. */
  onQueued?: () => void;
  /** Called for every answer the kiosk gets, for metrics and health. */
  onOutcome?: (method: Method, outcome: CheckInResult['outcome']) => void;
}

/** An entry the office types in: it names the session and kind, and may give an earlier time today. */
export interface ManualEntry {
  instant: Date;
  session: string;
  kind: 'check_in' | 'check_out';
  /** Runs inside the check-in's transaction once the attendance row exists (reason, audit). */
  within(attendanceId: number): void;
}

export type ManualEntryResult = CheckInResult | { outcome: 'refused'; message: string };

interface TodayRow {
  id: number;
  session: string;
  kind: 'check_in' | 'check_out';
  status: 'on_time' | 'late';
  minutes_late: number;
  local_time: string;
  occurred_at: string;
}

export function createCheckInService(deps: CheckInServiceDeps) {
  const { db, clock, log } = deps;
  let gallery: { modelId: string; signedFormRequired: boolean; entries: GalleryEntry[] } | null = null;
  const pinGuard = createPinGuard(db, () => deps.config().kiosk, clock);

  // Attendance as it now stands: a record the office removed no longer counts as "already checked
  // in", and an amended one counts at its corrected time and kind.
  const todayRows = db.prepare(
    'SELECT id, session, kind, status, minutes_late, local_time, occurred_at FROM attendance_effective WHERE student_id = ? AND local_date = ? ORDER BY occurred_at',
  );
  const earlierRecords = db.prepare('SELECT COUNT(*) AS n FROM attendance WHERE student_id = ? AND local_date = ? AND session = ? AND kind = ?');
  const insertAttendance = db.prepare(
    `INSERT INTO attendance (student_id, occurred_at, local_date, local_time, session, kind, status, minutes_late, method, score, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertRecognition = db.prepare('INSERT INTO recognition_events (occurred_at, outcome, best_score, margin) VALUES (?, ?, ?, ?)');

  function currentGallery(): GalleryEntry[] {
    const cfg = deps.config();
    const modelId = cfg.recognition.modelId;
    // Keyed by the region's consent rule too: a region change from the admin screen applies at once.
    const signedFormRequired = regionRules(cfg.privacy.region).signedReleaseRequired;
    if (!gallery || gallery.modelId !== modelId || gallery.signedFormRequired !== signedFormRequired) {
      const onUnreadable = (studentId: number) => log.warn('a face template does not open with the template key; skipped', { studentId });
      gallery = { modelId, signedFormRequired, entries: loadGallery(db, deps.cipher, modelId, { signedFormRequired, onUnreadable }) };
    }
    return gallery.entries;
  }

  function answer(method: Method, result: CheckInResult): CheckInResult {
    deps.onOutcome?.(method, result.outcome);
    return result;
  }

  // Only a manual entry can be refused; the kiosk's own paths keep the kiosk's answers.
  function record(student: Student, method: Method, score: number | null): CheckInResult;
  function record(student: Student, method: Method, score: number | null, manual: ManualEntry): ManualEntryResult;
  function record(student: Student, method: Method, score: number | null, manual?: ManualEntry): ManualEntryResult {
    const cfg = deps.config();
    const instant = manual?.instant ?? clock.now();
    const at = toSchoolTime(instant, cfg.school.timezone);
    const greeting = { firstName: student.firstName, displayName: `${student.firstName} ${student.lastName}` };
    let queued = 0;
    const result = db.transaction((): ManualEntryResult => {
      const today = todayRows.all(student.id, at.date) as TodayRow[];
      const records = today.map((r) => ({ session: r.session, kind: r.kind, occurredAt: new Date(r.occurred_at) }));
      const decision: AttendanceDecision | ManualEntryDecision = manual
        ? decideManualEntry({ schedule: cfg.schedule, at, session: manual.session, kind: manual.kind, today: records })
        : decideAttendance({ schedule: cfg.schedule, at, instant, today: records });
      if (decision.action === 'refused') return { outcome: 'refused', message: decision.message };
      if (decision.action === 'closed') return { outcome: 'closed', reason: decision.reason };
      if (decision.action === 'already') {
        const existing = today.find((r) => r.session === decision.existing.session && r.kind === decision.existing.kind)
          ?? today[today.length - 1]!;
        return {
          outcome: 'already_recorded',
          student: greeting,
          attendance: {
            kind: existing.kind,
            status: existing.status,
            localTime: existing.local_time.slice(0, 5),
            session: existing.session,
            minutesLate: existing.minutes_late,
          },
        };
      }
      // Earlier rows of this session and kind were all removed (the rules saw none standing): this is a
      // new event, and its texts need keys of their own or the outbox would take them for the old ones.
      const earlier = (earlierRecords.get(student.id, at.date, decision.session, decision.kind) as { n: number }).n;
      const attendanceId = Number(
        insertAttendance.run(
          student.id, instant.toISOString(), at.date, at.time, decision.session, decision.kind, decision.status,
          decision.minutesLate, method, score, instant.toISOString(),
        ).lastInsertRowid,
      );
      manual?.within(attendanceId);
      // Reported absent (or not checked out) earlier today: the texts not yet sent are no longer true.
      withdrawNotices(db, {
        studentId: student.id,
        localDate: at.date,
        kinds: decision.kind === 'check_in' ? ['absence'] : ['absence', 'no_checkout'],
        reason: `${decision.kind === 'check_in' ? 'arrived' : 'checked out'} at ${at.hhmm}`,
        now: clock.now(),
      });
      // A late arrival is its own text (and goes before routine ones); a late departure is still a departure.
      const smsType = decision.kind === 'check_in' && decision.status === 'late' ? 'late_arrival' : decision.kind;
      const template = cfg.sms.templates[smsType];
      const body = renderTemplate(template, {
        student_name: `${student.firstName} ${student.lastName}`,
        first_name: student.firstName,
        time: formatSchoolTime(instant, cfg.school.timezone, cfg.school.locale),
        date: formatSchoolDate(instant, cfg.school.timezone, cfg.school.locale),
        school_name: cfg.school.name,
        minutes_late: String(decision.minutesLate),
        session: decision.session,
      });
      // Keyed by what happened, not by row ids: ids restart after a restore or on a new kiosk, and the
      // gateway would take a reused id for a text it already sent (409) and stay silent.
      const types: MessageType[] = decision.kind === 'check_in' && decision.status === 'late' ? ['check_in', 'late_arrival'] : [decision.kind];
      for (const g of guardiansToNotify(db, student.id, types)) {
        const r = enqueueSms(db, {
          idempotencyKey: `${decision.kind}:${at.date}:${decision.session}:${student.studentNumber}:${g.phoneE164}${earlier > 0 ? `#${earlier + 1}` : ''}`,
          type: smsType,
          studentId: student.id,
          guardianId: g.guardianId,
          attendanceId,
          phoneE164: g.phoneE164,
          body,
          // A backdated entry is queued now, so its time to live runs from when it was typed.
          now: manual ? clock.now() : instant,
          ttlSeconds: cfg.sms.ttlMinutes[smsType] * 60,
        });
        if (r.inserted) queued++;
      }
      return {
        outcome: 'recorded',
        student: greeting,
        attendance: {
          kind: decision.kind,
          status: decision.status,
          localTime: at.hhmm,
          session: decision.session,
          minutesLate: decision.minutesLate,
        },
      };
    }).immediate();
    if (queued > 0) deps.onQueued?.();
    if (result.outcome === 'recorded') {
      log.info('attendance recorded', { studentId: student.id, method, kind: result.attendance.kind, status: result.attendance.status });
    }
    return result;
  }

  function noteRecognition(m: MatchResult): void {
    const margin = m.outcome === 'unknown' ? null : m.margin;
    insertRecognition.run(clock.now().toISOString(), m.outcome === 'uncertain' ? `uncertain:${m.reason}` : m.outcome, m.score, margin);
  }

  return {
    /** The office checks a student in or out by hand: the same transaction, outbox rows included. */
    checkInManually(studentId: number, entry: ManualEntry): ManualEntryResult {
      const student = findStudentById(db, studentId);
      if (!student || student.archivedAt) return { outcome: 'refused', message: 'No such student on the roster' };
      return record(student, 'manual', null, entry);
    },

    checkInByFace(evidence: FaceEvidence): CheckInResult {
      const cfg = deps.config();
      if (!cfg.kiosk.faceRecognition) return answer('face', { outcome: 'not_recognised' });
      if (evidence.modelId !== cfg.recognition.modelId) {
        log.warn('face evidence from an unexpected model', { modelId: evidence.modelId });
        return answer('face', { outcome: 'not_recognised' });
      }
      const m = matchFace(evidence.embeddings, currentGallery(), cfg.recognition);
      noteRecognition(m);
      if (m.outcome === 'unknown') return answer('face', { outcome: 'not_recognised' });
      if (m.outcome === 'uncertain') return answer('face', { outcome: 'needs_second_factor' });
      const student = findStudentById(db, m.studentId);
      if (!student || student.archivedAt) return answer('face', { outcome: 'not_recognised' });
      markTemplatesUsed(db, student.id, cfg.recognition.modelId, clock.now());
      return answer('face', record(student, 'face', m.score));
    },

    checkInByCard(code: string): CheckInResult {
      const student = findStudentByNumber(db, code.trim());
      if (!student || student.archivedAt) return answer('qr', { outcome: 'unknown_card' });
      return answer('qr', record(student, 'qr', null));
    },

    checkInByPin(studentNumber: string, pin: string): CheckInResult {
      const typed = studentNumber.trim();
      // One lock per number whatever the letter case, or each spelling would get its own tries.
      const key = typed.toUpperCase();
      const locked = pinGuard.lockedFor(key);
      if (locked > 0) return answer('pin', { outcome: 'pin_locked', retryAfterSeconds: locked });
      const paused = pinGuard.padPausedFor();
      if (paused > 0) return answer('pin', { outcome: 'pin_locked', retryAfterSeconds: paused, scope: 'kiosk' });
      const student = findStudentByTypedNumber(db, typed);
      // The same answer, after the same work, for an unknown number and a wrong PIN, so the pad cannot be used to list numbers.
      const matches = pinMatches(pin, student && !student.archivedAt ? student.pinHash : null);
      if (!matches || !student) {
        const lockedNow = pinGuard.fail(key);
        return answer('pin', lockedNow > 0 ? { outcome: 'pin_locked', retryAfterSeconds: lockedNow } : { outcome: 'wrong_pin' });
      }
      pinGuard.succeed(key);
      return answer('pin', record(student, 'pin', null));
    },

    /** Drops the cached gallery after enrolment or deletion changes templates. */
    galleryChanged(): void {
      gallery = null;
    },
  };
}

export type CheckInService = ReturnType<typeof createCheckInService>;
