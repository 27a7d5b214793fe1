// Consent for face check-in: where it stands, the full history, recording it (who, how, which notice)
// and withdrawing it in one tap, which deletes the face data at once.
import { useEffect, useState } from 'react';
import type { KioskApi, StudentDetail } from '../../../src-preload/contract';
import { Choice, TextField } from '../people/fields';
import { schoolTime, useSchoolZone } from '../school-time';

const ROLE = { guardian: 'Guardian', student: 'Student', staff: 'Staff' } as const;
const METHOD = { signed_form: 'Signed form', staff_attestation: 'Staff attestation' } as const;

export function ConsentPanel({ api, student, onChanged }: { api: KioskApi; student: StudentDetail; onChanged(message: string): void }) {
  const [settings, setSettings] = useState<{ noticeVersion: string; requireStudentConsent: boolean } | null>(null);
  const [givenBy, setGivenBy] = useState('');
  const [role, setRole] = useState<'guardian' | 'student'>('guardian');
  const [method, setMethod] = useState<'signed_form' | 'staff_attestation'>('signed_form');
  const [notice, setNotice] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const at = schoolTime(useSchoolZone(api));

  useEffect(() => {
    void api.invoke('consent:settings', {}).then((s) => { setSettings(s); setNotice(s.noticeVersion); });
  }, [api]);
  const status = student.consentStatus;
  const lastGrant = [...student.consentHistory].reverse().find((e) => e.kind === 'granted');
  const needsStudent = settings?.requireStudentConsent && status.missing.includes('consent from the student');
  const fullName = `${student.firstName} ${student.lastName}`;

  const record = async () => {
    if (!givenBy.trim()) return setFailure('Enter who gave consent');
    setBusy(true);
    setFailure(null);
    try {
      await api.invoke('consent:record', { studentId: student.id, givenBy, givenByRole: role, method, noticeVersion: notice, note: '' });
      setGivenBy('');
      onChanged(`Consent from ${givenBy} recorded.`);
    } catch (e) {
      setFailure(String(e));
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async () => {
    setBusy(true);
    try {
      const r = await api.invoke('consent:withdraw', {
        studentId: student.id,
        givenBy: lastGrant?.givenBy ?? 'Guardian',
        givenByRole: lastGrant?.givenByRole ?? 'guardian',
        note: '',
      });
      onChanged(`Consent withdrawn. ${r.templatesDeleted} face ${r.templatesDeleted === 1 ? 'sample was' : 'samples were'} deleted; ${student.firstName} now checks in with the QR card or PIN.`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card-box" data-testid="consent-panel">
      <h2>Consent for face check-in</h2>
      {status.canEnrol ? (
        <p className="banner ok" data-testid="consent-state">Consent recorded ({lastGrant ? `${lastGrant.givenBy}, ${METHOD[lastGrant.method].toLowerCase()}, notice v${lastGrant.noticeVersion}` : ''}). The face can be enrolled.</p>
      ) : (
        <p className="banner warn" data-testid="consent-state">
          {status.state === 'withdrawn' ? 'Consent was withdrawn. ' : 'No consent yet. '}
          Face enrolment needs {status.missing.join(' and ')}. Until then {student.firstName} checks in with the QR card or PIN.
        </p>
      )}
      {status.canEnrol && (
        <button type="button" className="btn danger primary" disabled={busy} onClick={() => void withdraw()} data-testid="consent-withdraw">
          Withdraw consent and delete face data
        </button>
      )}
      {settings && (!status.canEnrol || needsStudent) && (
        <div className="consent-form">
          <h3>Record consent</h3>
          {settings?.requireStudentConsent && (
            <Choice<'guardian' | 'student'> label="Given by" value={role} onChange={(r) => { setRole(r); setGivenBy(r === 'student' ? fullName : ''); }} options={[
              { value: 'guardian', label: 'A guardian' },
              { value: 'student', label: `The student (${fullName})` },
            ]} />
          )}
          {role === 'guardian' && student.guardianList.length > 0 && (
            <div className="btn-row" aria-label="Guardians on file">
              {student.guardianList.map((g) => (
                <button key={g.id} type="button" className={`btn${givenBy === g.name ? ' primary' : ''}`} onClick={() => setGivenBy(g.name)}>{g.name}</button>
              ))}
            </div>
          )}
          <TextField label={role === 'guardian' ? 'Guardian’s name (tap one above or type it)' : 'Student’s name'} value={givenBy} onChange={setGivenBy} testId="consent-given-by" />
          <Choice<'signed_form' | 'staff_attestation'> label="How" value={method} onChange={setMethod} options={[
            { value: 'signed_form', label: 'Signed form received' },
            { value: 'staff_attestation', label: 'Given to staff in person' },
          ]} />
          <TextField label="Privacy notice version they saw" value={notice} onChange={setNotice} hint={settings ? `The school's current notice is version ${settings.noticeVersion}` : undefined} />
          {failure && <p className="field-error" role="alert">{failure}</p>}
          <button type="button" className="btn primary" disabled={busy} onClick={() => void record()} data-testid="consent-record">Record consent</button>
        </div>
      )}
      {student.consentHistory.length > 0 && (
        <details className="consent-history">
          <summary>History ({student.consentHistory.length})</summary>
          <table className="people-table">
            <thead><tr><th>When</th><th>What</th><th>Who</th><th>How</th><th>Notice</th><th>Recorded by</th></tr></thead>
            <tbody>
              {student.consentHistory.map((e) => (
                <tr key={e.id}>
                  <td>{at.dateTime(e.occurredAt)}</td>
                  <td>{e.kind === 'granted' ? 'Consent given' : 'Withdrawn'}</td>
                  <td>{e.givenBy} ({ROLE[e.givenByRole]})</td>
                  <td>{METHOD[e.method]}</td>
                  <td>v{e.noticeVersion}</td>
                  <td>{e.recordedBy}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      )}
    </section>
  );
}
