// Students and guardians: search the list, open a student to edit, add one, import or export the
// roster, print QR cards. One area, one view at a time, so the office is never two levels deep.
import { useCallback, useEffect, useState } from 'react';
import type { StudentSummary } from '../../../src-preload/contract';
import type { AdminSectionProps } from '../section';
import { TextField } from './fields';
import { StudentEditor } from './StudentEditor';
import { ImportPanel } from './ImportPanel';
import { CardsSheet } from './CardsSheet';
import { downloadText } from '../download';
import { byLastThenFirst } from './student-order';
import './people.css';

type View = { kind: 'list' } | { kind: 'edit'; studentId: number | null } | { kind: 'import' } | { kind: 'cards' };

export function PeopleSection({ api }: AdminSectionProps) {
  const [view, setView] = useState<View>({ kind: 'list' });
  const [query, setQuery] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const [students, setStudents] = useState<StudentSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.invoke('people:list', { query, includeArchived: showArchived }).then(
      (r) => { setStudents([...r.students].sort(byLastThenFirst)); setError(null); },
      (e: unknown) => setError(String(e)),
    );
  }, [api, query, showArchived]);
  useEffect(load, [load]);

  const back = () => { setView({ kind: 'list' }); load(); };
  if (view.kind === 'edit') return <StudentEditor api={api} studentId={view.studentId} onDone={back} />;
  if (view.kind === 'import') return <ImportPanel api={api} onDone={back} />;
  if (view.kind === 'cards') return <CardsSheet api={api} onDone={back} />;

  const exportRoster = async () => {
    const { csv } = await api.invoke('people:export', {});
    downloadText('roster.csv', [csv], 'text/csv');
  };

  return (
    <div data-testid="people-section">
      <div className="people-toolbar">
        <TextField label="Find a student" value={query} onChange={setQuery} placeholder="Name, student number or class" testId="people-search" />
        <button type="button" className="btn primary" onClick={() => setView({ kind: 'edit', studentId: null })}>Add student</button>
        <button type="button" className="btn" onClick={() => setView({ kind: 'import' })} data-testid="people-import">Import roster</button>
        <button type="button" className="btn" onClick={() => void exportRoster()}>Export roster CSV</button>
        <button type="button" className="btn" onClick={() => setView({ kind: 'cards' })}>Print QR cards</button>
      </div>
      <label className="toggle">
        <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />
        <span>Show archived students</span>
      </label>
      {error && <p className="banner error">Could not load students: {error}</p>}
      {!students ? (
        <p className="admin-muted">Loading…</p>
      ) : students.length === 0 ? (
        <p className="admin-muted">{query ? `No student matches “${query}”.` : 'No students yet. Import the roster or add a student.'}</p>
      ) : (
        <table className="people-table" data-testid="people-list">
          <thead>
            <tr><th>Name</th><th>Number</th><th>Class</th><th>Guardians</th><th>Face check-in</th></tr>
          </thead>
          <tbody>
            {students.map((s) => (
              <tr key={s.id} className={`clickable${s.archived ? ' archived' : ''}`} onClick={() => setView({ kind: 'edit', studentId: s.id })}>
                <td>{s.lastName}, {s.firstName}{s.archived && <span className="tag"> archived</span>}</td>
                <td>{s.studentNumber}</td>
                <td>{s.className || '—'}</td>
                <td>{s.guardians}</td>
                <td><FaceStatus s={s} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export function FaceStatus({ s }: { s: Pick<StudentSummary, 'templates' | 'consent' | 'lookAlike'> }) {
  if (s.templates > 0) {
    return (
      <>
        <span className="tag good">Enrolled</span>
        {s.lookAlike && <span className="tag warn" title="Close to another student's face: the kiosk also asks for card or PIN">Look-alike</span>}
      </>
    );
  }
  if (s.consent === 'granted') return <span className="tag warn">Consent, not enrolled</span>;
  if (s.consent === 'withdrawn') return <span className="tag bad">Consent withdrawn · card/PIN</span>;
  return <span className="tag">Card/PIN</span>;
}
