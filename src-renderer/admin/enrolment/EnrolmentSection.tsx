// Face enrolment: pick a student, record consent, then enrol with the kiosk camera or from photos.
// Enrolment is offered only once consent stands; the core refuses it otherwise anyway.
import { useCallback, useEffect, useState } from 'react';
import type { StudentDetail, StudentSummary } from '../../../src-preload/contract';
import type { AdminSectionProps } from '../section';
import { TextField, Choice } from '../people/fields';
import { FaceStatus } from '../people/PeopleSection';
import { ConsentPanel } from './ConsentPanel';
import { GuidedCapture } from './GuidedCapture';
import { PhotoEnrol } from './PhotoEnrol';
import { LookAlikeReport } from './LookAlikeReport';
import { ConsentRules } from './ConsentRules';
import '../people/people.css';
import './enrolment.css';

export function EnrolmentSection({ api }: AdminSectionProps) {
  const [query, setQuery] = useState('');
  const [matches, setMatches] = useState<StudentSummary[]>([]);
  const [student, setStudent] = useState<StudentDetail | null>(null);
  const [how, setHow] = useState<'camera' | 'photos' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [report, setReport] = useState(false);
  const [faceOn, setFaceOn] = useState<boolean | null>(null);

  useEffect(() => {
    let live = true;
    void api.invoke('kiosk:status', {}).then((s) => live && setFaceOn(s.faceRecognition));
    return () => { live = false; };
  }, [api]);
  // Enrolling while face check-in is off school-wide is allowed (a school prepares before switching
  // it on), but the office must not believe the kiosk will now recognise the student.
  const faceOff = faceOn === false && (
    <p className="banner info" data-testid="enrol-face-off">
      Face check-in is off for this school (IT: kiosk.faceRecognition); enrolled faces will be used once it is on.
    </p>
  );

  useEffect(() => {
    if (!query.trim()) {
      setMatches([]);
      return;
    }
    let live = true;
    void api.invoke('people:list', { query, includeArchived: false }).then((r) => live && setMatches(r.students.slice(0, 12)));
    return () => { live = false; };
  }, [api, query]);

  const open = useCallback(async (id: number, message: string | null = null) => {
    setStudent(await api.invoke('people:get', { studentId: id }));
    setNotice(message);
    setHow(null);
  }, [api]);

  if (report) {
    return (
      <div>
        <div className="btn-row"><button type="button" className="btn" onClick={() => setReport(false)}>← Enrolment</button></div>
        <LookAlikeReport api={api} />
      </div>
    );
  }

  if (!student) {
    return (
      <div data-testid="enrolment-section">
        <div className="people-toolbar">
          <TextField label="Whose face are you enrolling?" value={query} onChange={setQuery} placeholder="Name or student number" testId="enrol-search" />
          <button type="button" className="btn" onClick={() => setReport(true)}>Look-alike report</button>
        </div>
        {faceOff}
        {matches.length > 0 && (
          <table className="people-table">
            <tbody>
              {matches.map((s) => (
                <tr key={s.id} className="clickable" onClick={() => void open(s.id)} data-testid="enrol-pick">
                  <td>{s.firstName} {s.lastName}</td><td>{s.studentNumber}</td><td>{s.className}</td><td><FaceStatus s={s} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {query.trim() && matches.length === 0 && <p className="admin-muted">No student matches “{query}”.</p>}
        <ConsentRules api={api} />
      </div>
    );
  }

  const refresh = (message: string) => void open(student.id, message);
  return (
    <div data-testid="enrolment-student">
      <div className="btn-row"><button type="button" className="btn" onClick={() => { setStudent(null); setNotice(null); }}>← Choose another student</button></div>
      <h2>{student.firstName} {student.lastName} <span className="admin-muted">· {student.studentNumber} · {student.className}</span></h2>
      {notice && <p className="banner ok" data-testid="enrol-notice">{notice}</p>}
      <ConsentPanel api={api} student={student} onChanged={refresh} />
      <section className="card-box" data-testid="enrol-face">
        <h2>Face</h2>
        {faceOff}
        <p>{student.templates > 0 ? `${student.templates} face samples on file.` : 'No face on file.'}{student.lookAlike && ' Marked as a look-alike: the kiosk also asks for the card or PIN.'}</p>
        {!student.consentStatus.canEnrol ? (
          <p className="admin-muted" data-testid="enrol-blocked">Record consent above before enrolling the face.</p>
        ) : (
          <>
            <Choice<'camera' | 'photos' | ''> label={student.templates > 0 ? 'Add more samples' : 'Enrol with'} value={how ?? ''} onChange={(v) => setHow(v || null)} testId="enrol-how" options={[
              { value: 'camera', label: 'The kiosk camera' },
              { value: 'photos', label: 'Photo files' },
            ]} />
            {how === 'camera' && <GuidedCapture api={api} studentId={student.id} studentName={`${student.firstName} ${student.lastName}`} onSaved={refresh} />}
            {how === 'photos' && <PhotoEnrol api={api} studentId={student.id} studentName={`${student.firstName} ${student.lastName}`} onSaved={refresh} />}
          </>
        )}
      </section>
    </div>
  );
}
