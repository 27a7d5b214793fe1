// What the admin screen's People and Enrolment areas ask of the core: students and guardians, roster
// import and export, QR cards, consent, and face enrolment. All need an office session.
import { z } from 'zod';
import { EMBEDDING_DIM } from './kiosk.js';

export const MESSAGE_TYPES = ['check_in', 'check_out', 'late_arrival', 'absence', 'no_checkout'] as const;
export const messageType = z.enum(MESSAGE_TYPES);

const studentId = z.number().int().positive();
const text = (max: number) => z.string().trim().max(max);

export const guardianInput = z.object({
  /**
   * The guardian this row was loaded as (an edit of that person, who may be shared with siblings);
   * absent for a row the office added, which links an existing guardian by phone without changing them.
   */
  guardianId: z.number().int().positive().optional(),
  name: text(80).min(1, 'Enter the guardian’s name'),
  /** As typed; the core reads it for the school's country and stores E.164. */
  phone: text(40),
  doNotContact: z.boolean(),
  notify: z.array(messageType).max(MESSAGE_TYPES.length),
});
export type GuardianInput = z.infer<typeof guardianInput>;

export const studentInput = z.object({
  /** Absent for a new student. */
  id: studentId.optional(),
  studentNumber: text(32),
  firstName: text(60),
  lastName: text(60),
  className: text(40),
  /** Empty keeps the current PIN; digits set a new one. */
  pin: z.string().regex(/^(\d{4,8})?$/, 'PIN must be 4 to 8 digits').default(''),
  guardians: z.array(guardianInput).max(8),
});
export type StudentInput = z.infer<typeof studentInput>;

export const fieldError = z.object({ field: z.string(), message: z.string() });
export type FieldError = z.infer<typeof fieldError>;

export const consentState = z.enum(['none', 'granted', 'withdrawn']);

export const studentSummary = z.object({
  id: studentId,
  studentNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  className: z.string(),
  archived: z.boolean(),
  guardians: z.number().int(),
  templates: z.number().int(),
  consent: consentState,
  lookAlike: z.boolean(),
});
export type StudentSummary = z.infer<typeof studentSummary>;

export const guardianView = z.object({
  id: z.number().int(),
  name: z.string(),
  phoneE164: z.string(),
  doNotContact: z.boolean(),
  notify: z.array(messageType),
  /** The other students this guardian is a guardian of ("Ben Okafor, 7B"): an edit here changes it for them too. */
  alsoGuardianOf: z.array(z.string()),
});
export type GuardianView = z.infer<typeof guardianView>;

export const consentEventView = z.object({
  id: z.number().int(),
  kind: z.enum(['granted', 'withdrawn']),
  givenBy: z.string(),
  givenByRole: z.enum(['guardian', 'student', 'staff']),
  method: z.enum(['signed_form', 'staff_attestation']),
  noticeVersion: z.string(),
  occurredAt: z.string(),
  recordedBy: z.string(),
  note: z.string(),
});
export type ConsentEventView = z.infer<typeof consentEventView>;

export const consentStatus = z.object({
  state: consentState,
  /** Enrolment is allowed: the guardian (and the student where required) consented, nobody withdrew since. */
  canEnrol: z.boolean(),
  /** What is still missing, in words for the office. */
  missing: z.array(z.string()),
});
export type ConsentStatus = z.infer<typeof consentStatus>;

export const studentDetail = studentSummary.extend({
  hasPin: z.boolean(),
  guardianList: z.array(guardianView),
  consentHistory: z.array(consentEventView),
  consentStatus,
});
export type StudentDetail = z.infer<typeof studentDetail>;

const saveResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), studentId }),
  z.object({ ok: z.literal(false), errors: z.array(fieldError) }),
]);

export const importFormat = z.enum(['roster', 'oneroster']);
/** A large school's OneRoster users.csv is a few MB. */
const IMPORT_MAX_BYTES = 12 * 1024 * 1024;

export const importRequest = z.object({
  format: importFormat,
  /** File name → text: roster.csv for 'roster'; users.csv, classes.csv, enrollments.csv for 'oneroster'. */
  files: z.record(z.string().max(64), z.string().max(4_000_000)),
});
export type ImportRequest = z.infer<typeof importRequest>;

/**
 * How an import file's bytes become the request's text, the same in the screen and the CLI. Spreadsheets
 * on Windows save "CSV" in Windows-1252 unless told otherwise: bytes that are not valid UTF-8 are read
 * as Windows-1252 (every byte has a meaning there), never turned into U+FFFD.
 */
export function decodeImportFile(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

export const importChange = z.object({
  studentNumber: z.string(),
  name: z.string(),
  className: z.string(),
  change: z.enum(['new', 'updated', 'unchanged']),
  /** What changes, in words: "class 7A → 8A", "guardian Ada Okafor added". */
  details: z.array(z.string()),
});
export type ImportChange = z.infer<typeof importChange>;

export const importSummary = z.object({
  studentsNew: z.number().int(),
  studentsUpdated: z.number().int(),
  studentsUnchanged: z.number().int(),
  /** Archived students the file lists again: the import brings them back (counted in studentsUpdated too). */
  studentsRestored: z.number().int(),
  guardiansNew: z.number().int(),
  guardiansUpdated: z.number().int(),
  linksAdded: z.number().int(),
  linksRemoved: z.number().int(),
  /** Current students the file does not list: an import leaves them as they are (archive them by hand). */
  studentsNotInFile: z.number().int(),
});
export type ImportSummary = z.infer<typeof importSummary>;

const importProblem = z.object({ file: z.string(), line: z.number().int(), message: z.string() });

export const importPreview = z.discriminatedUnion('ok', [
  /** warnings: rows left out that do not stop the import (a parent without a mobile whose child has another guardian). */
  z.object({ ok: z.literal(true), summary: importSummary, changes: z.array(importChange), warnings: z.array(importProblem) }),
  z.object({ ok: z.literal(false), errors: z.array(importProblem) }),
]);
export type ImportPreview = z.infer<typeof importPreview>;

export const consentRecord = z.object({
  studentId,
  givenBy: text(80).min(1, 'Enter who gave consent'),
  givenByRole: z.enum(['guardian', 'student']),
  method: z.enum(['signed_form', 'staff_attestation']),
  /** The notice version the family saw; defaults to the school's current one. */
  noticeVersion: text(40).optional(),
  /** When it was given (the form's date), ISO-8601; defaults to now. */
  givenAt: z.string().datetime({ offset: true }).optional(),
  note: text(300).default(''),
});
export type ConsentRecordInput = z.infer<typeof consentRecord>;

export const consentWithdraw = z.object({
  studentId,
  givenBy: text(80).min(1, 'Enter who withdrew consent'),
  givenByRole: z.enum(['guardian', 'student', 'staff']),
  note: text(300).default(''),
});
export type ConsentWithdrawInput = z.infer<typeof consentWithdraw>;

const embedding = z.array(z.number().finite()).length(EMBEDDING_DIM);

export const enrolSample = z.object({ embedding, quality: z.number().min(0).max(1) });
export type EnrolSample = z.infer<typeof enrolSample>;

export const enrolRequest = z.object({
  studentId,
  modelId: z.string().min(1).max(64),
  samples: z.array(enrolSample).min(1).max(12),
  source: z.enum(['kiosk', 'photo']),
});
export type EnrolRequest = z.infer<typeof enrolRequest>;

export const similarStudent = z.object({ studentId, studentNumber: z.string(), name: z.string(), score: z.number() });

export const enrolCheck = z.object({
  /** Enrolled students other than this one whose templates are as close as a recognition would be. */
  sameAs: z.array(similarStudent),
  /** Close enough to be mistaken for each other (look-alikes): saving flags both for a second factor. */
  lookAlikes: z.array(similarStudent),
});
export type EnrolCheck = z.infer<typeof enrolCheck>;

export const enrolResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), added: z.number().int(), templates: z.number().int(), flaggedLookAlike: z.boolean() }),
  z.object({ ok: z.literal(false), reason: z.enum(['no_consent', 'archived', 'wrong_model']), message: z.string() }),
]);
export type EnrolResult = z.infer<typeof enrolResult>;

export const lookAlikePair = z.object({
  a: similarStudent.omit({ score: true }),
  b: similarStudent.omit({ score: true }),
  score: z.number(),
  flagged: z.boolean(),
});
export type LookAlikePair = z.infer<typeof lookAlikePair>;

export const cardStudent = z.object({ studentNumber: z.string(), firstName: z.string(), lastName: z.string(), className: z.string() });
export type CardStudent = z.infer<typeof cardStudent>;

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

export const peopleChannels = {
  'people:list': {
    request: z.object({ query: text(80).default(''), includeArchived: z.boolean().default(false) }),
    response: z.object({ students: z.array(studentSummary), classes: z.array(z.string()) }),
    role: 'office',
  },
  'people:get': { request: z.object({ studentId }), response: studentDetail, role: 'office' },
  'people:save': { request: studentInput, response: saveResult, role: 'office' },
  'people:archive': { request: z.object({ studentId, archived: z.boolean() }), response: ok, role: 'office' },
  'people:import-preview': { request: importRequest, response: importPreview, role: 'office', maxBodyBytes: IMPORT_MAX_BYTES },
  'people:import-apply': { request: importRequest, response: importPreview, role: 'office', maxBodyBytes: IMPORT_MAX_BYTES },
  'people:export': { request: empty, response: z.object({ csv: z.string() }), role: 'office' },
  'people:cards': { request: z.object({ className: z.string().max(40) }), response: z.object({ students: z.array(cardStudent) }), role: 'office' },
  'consent:settings': {
    request: empty,
    response: z.object({ noticeVersion: z.string(), requireStudentConsent: z.boolean() }),
    role: 'office',
  },
  'consent:record': { request: consentRecord, response: consentStatus, role: 'office' },
  'consent:withdraw': { request: consentWithdraw, response: z.object({ templatesDeleted: z.number().int(), status: consentStatus }), role: 'office' },
  'enrolment:check': {
    request: z.object({ studentId, modelId: z.string().min(1).max(64), samples: z.array(enrolSample).min(1).max(12) }),
    response: enrolCheck,
    role: 'office',
  },
  'enrolment:save': { request: enrolRequest, response: enrolResult, role: 'office' },
  'enrolment:look-alikes': { request: empty, response: z.object({ pairs: z.array(lookAlikePair) }), role: 'office' },
  'enrolment:flag-look-alike': { request: z.object({ studentId, flagged: z.boolean() }), response: ok, role: 'office' },
} as const;
