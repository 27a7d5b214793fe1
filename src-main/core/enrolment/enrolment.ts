// Face enrolment, enforced here and not only on the screen: no template is stored for a student
// without standing consent. Before saving, the office is told if the face already looks like someone
// else; saving a face close to another student marks both as look-alikes, so the kiosk always asks
// them for their card or PIN too.
import type { EnrolCheck, EnrolRequest, EnrolResult, EnrolSample, LookAlikePair } from '../../../src-preload/contract/people.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Db } from '../db/open.js';
import type { Clock } from '../time/clock.js';
import { consentStatus, type ConsentPolicy } from '../consent/consent-ledger.js';
import { addTemplate, countTemplates, loadGallery } from '../recognition/templates.js';
import type { TemplateCipher } from '../recognition/template-cipher.js';
import { findStudentById, displayName } from '../people/students.js';
import { closePairs, closestStudents } from './face-similarity.js';

export interface EnrolmentDeps {
  db: Db;
  cipher: TemplateCipher;
  clock: Clock;
  audit: AuditLog;
  settings: () => { modelId: string; acceptThreshold: number; unknownThreshold: number; consent: ConsentPolicy };
  /** Templates changed: the check-in service must reload its gallery. */
  onGalleryChanged: () => void;
}

export function createEnrolmentService(deps: EnrolmentDeps) {
  const { db, clock, audit } = deps;
  const setLookAlike = db.prepare('UPDATE students SET look_alike = ? WHERE id = ?');

  function describe(studentId: number, score?: number) {
    const s = findStudentById(db, studentId)!;
    return { studentId, studentNumber: s.studentNumber, name: displayName(s), ...(score === undefined ? {} : { score }) };
  }

  function check(studentId: number, samples: EnrolSample[]): EnrolCheck {
    const cfg = deps.settings();
    const close = closestStudents(samples.map((s) => s.embedding), loadGallery(db, deps.cipher, cfg.modelId, { signedFormRequired: false }), studentId, cfg.unknownThreshold);
    return {
      sameAs: close.filter((c) => c.score >= cfg.acceptThreshold).map((c) => describe(c.studentId, c.score) as EnrolCheck['sameAs'][number]),
      lookAlikes: close.filter((c) => c.score < cfg.acceptThreshold).map((c) => describe(c.studentId, c.score) as EnrolCheck['sameAs'][number]),
    };
  }

  return {
    check,

    save(req: EnrolRequest, actor: string): EnrolResult {
      const cfg = deps.settings();
      const student = findStudentById(db, req.studentId);
      if (!student || student.archivedAt) return { ok: false, reason: 'archived', message: 'This student is archived or no longer exists' };
      if (req.modelId !== cfg.modelId) {
        return { ok: false, reason: 'wrong_model', message: `These samples come from ${req.modelId}; the kiosk uses ${cfg.modelId}` };
      }
      const now = clock.now();
      const result = db.transaction((): EnrolResult => {
        const consent = consentStatus(db, student.id, cfg.consent);
        if (!consent.canEnrol) {
          return { ok: false, reason: 'no_consent', message: `Face enrolment needs ${consent.missing.join(' and ')} first` };
        }
        const close = check(student.id, req.samples);
        let added = 0;
        for (const s of req.samples) {
          if (addTemplate(db, deps.cipher, { studentId: student.id, modelId: cfg.modelId, embedding: s.embedding, quality: s.quality, source: req.source }, now).inserted) added++;
        }
        const others = [...close.sameAs, ...close.lookAlikes];
        if (others.length) {
          setLookAlike.run(1, student.id);
          for (const o of others) setLookAlike.run(1, o.studentId);
        }
        audit.append({
          actor,
          action: 'enrolment.save',
          subject: `student:${student.studentNumber}`,
          details: { source: req.source, added, lookAlikeOf: others.map((o) => o.studentNumber) },
        });
        return { ok: true, added, templates: countTemplates(db, student.id, cfg.modelId), flaggedLookAlike: others.length > 0 || student.lookAlike };
      })();
      if (result.ok && result.added > 0) deps.onGalleryChanged();
      return result;
    },

    lookAlikes(): LookAlikePair[] {
      const cfg = deps.settings();
      const flagged = new Set((db.prepare('SELECT id FROM students WHERE look_alike = 1').all() as Array<{ id: number }>).map((r) => r.id));
      return closePairs(loadGallery(db, deps.cipher, cfg.modelId, { signedFormRequired: false }), cfg.unknownThreshold).map((p) => {
        const { studentId: aId, studentNumber: aNo, name: aName } = describe(p.a);
        const { studentId: bId, studentNumber: bNo, name: bName } = describe(p.b);
        return {
          a: { studentId: aId, studentNumber: aNo, name: aName },
          b: { studentId: bId, studentNumber: bNo, name: bName },
          score: p.score,
          flagged: flagged.has(p.a) && flagged.has(p.b),
        };
      });
    },

    flagLookAlike(studentId: number, flagged: boolean, actor: string): void {
      const s = findStudentById(db, studentId);
      if (!s) return;
      db.transaction(() => {
        setLookAlike.run(flagged ? 1 : 0, studentId);
        audit.append({ actor, action: flagged ? 'enrolment.look_alike.flag' : 'enrolment.look_alike.unflag', subject: `student:${s.studentNumber}` });
      })();
      deps.onGalleryChanged();
    },
  };
}

export type EnrolmentService = ReturnType<typeof createEnrolmentService>;
