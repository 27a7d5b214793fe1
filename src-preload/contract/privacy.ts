// What the admin screen asks of the privacy core: the region and DPIA status, deleting one student's
// biometric data (with a printable receipt), a student's access export, and the printable privacy pack.
import { z } from 'zod';

const studentNumber = z.string().trim().min(1).max(32);

export const privacyStatus = z.object({
  region: z.string(),
  regionName: z.string(),
  law: z.string(),
  faceRecognition: z.boolean(),
  /** False where the region bars biometric identification of pupils. */
  faceRecognitionAllowed: z.boolean(),
  dpiaRequired: z.boolean(),
  dpia: z.object({ reference: z.string(), date: z.string() }).nullable(),
  signedReleaseRequired: z.boolean(),
  templateUnusedDays: z.number().int(),
  keepEnrolmentPhotosDays: z.number().int().nullable(),
  evidencePhotos: z.object({ enabled: z.boolean(), keepDays: z.number().int() }),
  /** Where the template key is kept (never the key). */
  templateKeySource: z.string(),
  studentsWithTemplates: z.number().int().min(0),
  erasuresRecorded: z.number().int().min(0),
});
export type PrivacyStatus = z.infer<typeof privacyStatus>;

export const erasureReceipt = z.object({
  erasureId: z.string(),
  studentNumber: z.string(),
  reason: z.enum(['request', 'withdrawn', 'archived', 'unused']),
  requestedBy: z.string(),
  occurredAt: z.string(),
  templatesDeleted: z.number().int().min(0),
  photosDeleted: z.number().int().min(0),
  /** A printable receipt page (print CSS included). */
  html: z.string(),
});
export type ErasureReceipt = z.infer<typeof erasureReceipt>;

const templateMetadata = z.object({
  modelId: z.string(),
  source: z.string(),
  quality: z.number(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

export const accessExport = z.object({
  generatedAt: z.string(),
  school: z.string(),
  student: z.object({
    studentNumber: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    className: z.string(),
    createdAt: z.string(),
    archivedAt: z.string().nullable(),
  }),
  guardians: z.array(z.object({ name: z.string(), phone: z.string(), doNotContact: z.boolean() })),
  attendance: z.array(
    z.object({
      date: z.string(),
      time: z.string(),
      session: z.string(),
      kind: z.string(),
      status: z.string(),
      minutesLate: z.number(),
      method: z.string(),
      matchScore: z.number().nullable(),
    }),
  ),
  consent: z.array(
    z.object({
      kind: z.string(),
      givenBy: z.string(),
      givenByRole: z.string(),
      method: z.string(),
      noticeVersion: z.string(),
      occurredAt: z.string(),
      recordedBy: z.string(),
      note: z.string(),
    }),
  ),
  /** Metadata only: the templates themselves are never exported. */
  templates: z.object({ count: z.number().int().min(0), items: z.array(templateMetadata) }),
  erasures: z.array(
    z.object({ erasureId: z.string(), reason: z.string(), occurredAt: z.string(), templatesDeleted: z.number(), photosDeleted: z.number() }),
  ),
  messages: z.array(z.object({ createdAt: z.string(), to: z.string(), type: z.string(), state: z.string(), body: z.string() })),
});
export type AccessExport = z.infer<typeof accessExport>;

const empty = z.object({}).strict();

export const privacyChannels = {
  'privacy:status': { request: empty, response: privacyStatus, role: 'office' },
  'privacy:delete-biometrics': {
    request: z.object({ studentNumber, requestedBy: z.string().trim().min(1).max(80) }),
    response: erasureReceipt,
    role: 'office',
  },
  'privacy:erasure-receipt': { request: z.object({ erasureId: z.string().min(1).max(64) }), response: erasureReceipt, role: 'office' },
  'privacy:access-export': {
    request: z.object({ studentNumber }),
    response: z.object({ export: accessExport, html: z.string() }),
    role: 'office',
  },
  'privacy:pack': { request: empty, response: z.object({ html: z.string() }), role: 'office' },
} as const;
