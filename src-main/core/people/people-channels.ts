// The People, Consent and Enrolment channels of the admin screen, built from their services. The host
// has validated every request against the contract; the services still enforce the rules.
import type { ImportPreview, ImportRequest } from '../../../src-preload/contract/people.js';
import type { Handlers } from '../app.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { CallContext } from '../access/authorize.js';
import type { Config } from '../config/schema.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';
import { createConsentService, ConsentError } from '../consent/consent-service.js';
import { consentHistory, consentStatusOf } from '../consent/consent-ledger.js';
import { createEnrolmentService } from '../enrolment/enrolment.js';
import type { TemplateCipher } from '../recognition/template-cipher.js';
import { findStudentById } from './students.js';
import { guardiansOf, listClasses, listStudents, saveStudent, setArchived } from './student-records.js';
import { parseRoster, type RosterStudent } from './roster.js';
import { parseOneRoster } from './oneroster.js';
import { guardianConflicts, hashRosterPins, importRoster, storedPinsOf } from './roster-import.js';
import { hashPinAsync, verifyPinAsync } from './pin.js';
import { previewRoster, toImportSummary } from './roster-preview.js';
import { exportRoster } from './roster-export.js';

type PeopleChannel =
  | 'people:list' | 'people:get' | 'people:save' | 'people:archive' | 'people:import-preview' | 'people:import-apply'
  | 'people:export' | 'people:cards' | 'consent:settings' | 'consent:record' | 'consent:withdraw'
  | 'enrolment:check' | 'enrolment:save' | 'enrolment:look-alikes' | 'enrolment:flag-look-alike';

export interface PeopleChannelDeps {
  db: Db;
  config: () => Config;
  clock: Clock;
  audit: AuditLog;
  /** Templates or look-alike flags changed: the kiosk's gallery must be reloaded. */
  onGalleryChanged: () => void;
  /** Seals and opens face templates (the key lives outside the data folder). */
  cipher: TemplateCipher;
  afterWithdrawal?: (studentId: number, actor: string) => void;
}

/** The audit actor: the signed-in role (office or IT), never a person's name. */
const actorOf = (ctx: CallContext) => ctx.session?.role ?? 'system';

type ParsedImport = { ok: true; students: RosterStudent[]; warnings: Extract<ImportPreview, { ok: true }>['warnings'] };

export function parseImport(req: ImportRequest, country: string): ParsedImport | Extract<ImportPreview, { ok: false }> {
  if (req.format === 'oneroster') return parseOneRoster(req.files, country);
  const name = Object.keys(req.files)[0];
  const text = name === undefined ? undefined : req.files[name];
  if (text === undefined) return { ok: false, errors: [{ file: 'roster.csv', line: 0, message: 'Choose a roster CSV file' }] };
  const r = parseRoster(text, country);
  return r.ok ? { ...r, warnings: [] } : { ok: false, errors: r.errors.map((e) => ({ file: name!, ...e })) };
}

/** The file checked against the database too: a number it gives a student may be another family's guardian. */
export function checkImport(db: Db, req: ImportRequest, country: string): ReturnType<typeof parseImport> {
  const parsed = parseImport(req, country);
  if (!parsed.ok) return parsed;
  const conflicts = guardianConflicts(db, parsed.students);
  if (conflicts.length === 0) return parsed;
  const file = req.format === 'oneroster' ? 'users.csv' : (Object.keys(req.files)[0] ?? 'roster.csv');
  return { ok: false, errors: conflicts.map((c) => ({ file, line: 0, message: `student ${c.studentNumber}: ${c.message}` })) };
}

export function createPeopleChannels(deps: PeopleChannelDeps): Pick<Handlers, PeopleChannel> {
  const { db, clock, audit } = deps;
  const policy = () => deps.config().consent;
  const consent = createConsentService({ db, clock, audit, settings: policy, onGalleryChanged: deps.onGalleryChanged, ...(deps.afterWithdrawal ? { afterWithdrawal: deps.afterWithdrawal } : {}) });
  const enrolment = createEnrolmentService({
    db,
    cipher: deps.cipher,
    clock,
    audit,
    settings: () => ({ ...deps.config().recognition, consent: policy() }),
    onGalleryChanged: deps.onGalleryChanged,
  });

  const studentOrThrow = (id: number) => {
    const s = findStudentById(db, id);
    if (!s) throw new ConsentError('This student no longer exists');
    return s;
  };

  return {
    'people:list': (req) => ({ students: listStudents(db, req, policy()), classes: listClasses(db) }),

    'people:get': (req) => {
      const s = studentOrThrow(req.studentId);
      const history = consentHistory(db, s.id);
      const status = consentStatusOf(history, policy());
      const guardianList = guardiansOf(db, s.id);
      const templates = (db.prepare('SELECT COUNT(*) AS n FROM face_templates WHERE student_id = ?').get(s.id) as { n: number }).n;
      return {
        id: s.id,
        studentNumber: s.studentNumber,
        firstName: s.firstName,
        lastName: s.lastName,
        className: s.className,
        archived: s.archivedAt !== null,
        guardians: guardianList.length,
        templates,
        consent: status.state,
        lookAlike: s.lookAlike,
        hasPin: s.pinHash !== null,
        guardianList,
        consentHistory: history,
        consentStatus: status,
      };
    },

    'people:save': async (req, ctx) => {
      // Hashed off the main thread first, so the door is not held up while the office saves.
      const pinHash = req.pin ? await hashPinAsync(req.pin) : null;
      const r = saveStudent(db, req, deps.config().school.country, clock.now(), () => pinHash!);
      if (!r.ok) return r;
      audit.append({ actor: actorOf(ctx), action: r.created ? 'people.create' : 'people.update', subject: `student:${req.studentNumber}`, details: { guardians: req.guardians.length, pinChanged: req.pin !== '' } });
      return { ok: true as const, studentId: r.studentId };
    },

    'people:archive': (req, ctx) => {
      const s = studentOrThrow(req.studentId);
      db.transaction(() => {
        setArchived(db, s.id, req.archived, clock.now());
        audit.append({ actor: actorOf(ctx), action: req.archived ? 'people.archive' : 'people.restore', subject: `student:${s.studentNumber}` });
      })();
      deps.onGalleryChanged();
      return { ok: true as const };
    },

    'people:import-preview': (req) => {
      const parsed = checkImport(db, req, deps.config().school.country);
      if (!parsed.ok) return parsed;
      return { ok: true as const, ...previewRoster(db, parsed.students, clock.now()), warnings: parsed.warnings };
    },

    'people:import-apply': async (req, ctx) => {
      const country = deps.config().school.country;
      const checked = checkImport(db, req, country);
      if (!checked.ok) return checked;
      // Scrypt runs outside the transaction and off the main thread: the kiosk checks students in meanwhile.
      const pins = await hashRosterPins(checked.students, (pin) => hashPinAsync(pin), 2, storedPinsOf(db, verifyPinAsync));
      // The office may have edited a guardian while the PINs were hashed: check again, then import in one go.
      const parsed = checkImport(db, req, country);
      if (!parsed.ok) return parsed;
      const preview = previewRoster(db, parsed.students, clock.now());
      const summary = db.transaction(() => {
        const s = importRoster(db, parsed.students, clock.now(), pins);
        audit.append({ actor: actorOf(ctx), action: 'people.import', details: { format: req.format, ...toImportSummary(s, preview.summary.studentsNotInFile) } });
        return s;
      })();
      if (summary.studentsRestored > 0) deps.onGalleryChanged();
      return { ok: true as const, summary: toImportSummary(summary, preview.summary.studentsNotInFile), changes: preview.changes, warnings: parsed.warnings };
    },

    'people:export': (_req, ctx) => {
      audit.append({ actor: actorOf(ctx), action: 'people.export' });
      return { csv: exportRoster(db) };
    },

    'people:cards': (req) => {
      const rows = db
        .prepare(
          `SELECT student_number, first_name, last_name, class_name FROM students
            WHERE archived_at IS NULL AND (? = '' OR class_name = ?) ORDER BY class_name, last_name, first_name`,
        )
        .all(req.className, req.className) as Array<{ student_number: string; first_name: string; last_name: string; class_name: string }>;
      return { students: rows.map((r) => ({ studentNumber: r.student_number, firstName: r.first_name, lastName: r.last_name, className: r.class_name })) };
    },

    'consent:settings': () => ({ ...policy() }),
    'consent:record': (req, ctx) => consent.record(req, actorOf(ctx)),
    'consent:withdraw': (req, ctx) => consent.withdraw(req, actorOf(ctx)),

    'enrolment:check': (req) => {
      studentOrThrow(req.studentId);
      return enrolment.check(req.studentId, req.samples);
    },
    'enrolment:save': (req, ctx) => enrolment.save(req, actorOf(ctx)),
    'enrolment:look-alikes': () => ({ pairs: enrolment.lookAlikes() }),
    'enrolment:flag-look-alike': (req, ctx) => {
      enrolment.flagLookAlike(req.studentId, req.flagged, actorOf(ctx));
      return { ok: true as const };
    },
  };
}
