// Where photos of faces may live, if a school opts in to keeping any: enrolment photos (off unless
// privacy.keepEnrolmentPhotosDays is set) and evidence photos of check-ins (off unless
// privacy.evidencePhotos.enabled). One folder per student so an erasure can find every photo;
// the retention job deletes anything past its period, and everything when the setting is off.
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type PhotoKind = 'enrolment' | 'evidence';

export function photoDir(dataDir: string, kind: PhotoKind, studentNumber?: string): string {
  const root = join(dataDir, 'photos', kind);
  return studentNumber === undefined ? root : join(root, studentNumber);
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

export function countStudentPhotos(dataDir: string, studentNumber: string): number {
  return filesUnder(photoDir(dataDir, 'enrolment', studentNumber)).length + filesUnder(photoDir(dataDir, 'evidence', studentNumber)).length;
}

/** Deletes every photo of one student, of both kinds; returns how many files went. */
export function deleteStudentPhotos(dataDir: string, studentNumber: string): number {
  let n = 0;
  for (const kind of ['enrolment', 'evidence'] as const) {
    const dir = photoDir(dataDir, kind, studentNumber);
    n += filesUnder(dir).length;
    rmSync(dir, { recursive: true, force: true });
  }
  return n;
}

/** Deletes photos of one kind last written before `cutoff` (all of them when cutoff is null). */
export function purgePhotos(dataDir: string, kind: PhotoKind, cutoff: Date | null): number {
  let n = 0;
  for (const file of filesUnder(photoDir(dataDir, kind))) {
    if (cutoff === null || statSync(file).mtime < cutoff) {
      rmSync(file, { force: true });
      n++;
    }
  }
  return n;
}
