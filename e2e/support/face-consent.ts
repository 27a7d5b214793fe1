// Face mode is off by default and used only for students with recorded consent; the tests that walk
// enrolled faces past the kiosk switch it on as a school would, and record the signed forms.
import Database from 'better-sqlite3';

/** Config keys a GB school sets to use face mode: the switch and its DPIA on record. */
export const faceModeConfig = {
  kiosk: { faceRecognition: true },
  privacy: { region: 'GB', dpia: { reference: 'DPIA-TEST-2026', date: '2026-09-01' } },
};

/** Records a guardian's signed consent form for each student, as the office does before enrolment. */
export function recordFaceConsent(dbFile: string, studentNumbers: string[], at = '2026-09-01T08:00:00Z'): void {
  const db = new Database(dbFile);
  try {
    const insert = db.prepare(
      `INSERT INTO consent_events (student_id, kind, given_by, given_by_role, method, notice_version, occurred_at, recorded_by)
       SELECT id, 'granted', 'Parent', 'guardian', 'signed_form', 'test-notice-v1', ?, 'office' FROM students WHERE student_number = ?`,
    );
    for (const n of studentNumbers) if (insert.run(at, n).changes !== 1) throw new Error(`No student ${n} to record consent for`);
  } finally {
    db.close();
  }
}
