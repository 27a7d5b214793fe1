// Roster import in three steps: choose the file(s) → see every row error, or exactly what will change
// → confirm. Nothing is written before "Import"; a file with any error imports nothing.
import { useState } from 'react';
import { decodeImportFile, type ImportPreview, type ImportRequest, type KioskApi } from '../../../src-preload/contract';
import { Choice } from './fields';

const ONEROSTER = ['users.csv', 'classes.csv', 'enrollments.csv'];

export function ImportPanel({ api, onDone }: { api: KioskApi; onDone(): void }) {
  const [format, setFormat] = useState<ImportRequest['format']>('roster');
  const [request, setRequest] = useState<ImportRequest | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [done, setDone] = useState<ImportPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notUtf8, setNotUtf8] = useState<string[]>([]);

  const choose = async (list: FileList | null) => {
    if (!list || list.length === 0) return;
    setDone(null);
    setFailure(null);
    const files: Record<string, string> = {};
    const legacy: string[] = [];
    // Not File.text(): it turns a Windows spreadsheet's accents into U+FFFD.
    for (const f of Array.from(list)) {
      const { text, encoding } = decodeImportFile(new Uint8Array(await f.arrayBuffer()));
      files[format === 'oneroster' ? f.name.toLowerCase() : f.name] = text;
      if (encoding !== 'utf-8') legacy.push(f.name);
    }
    setNotUtf8(legacy);
    const req: ImportRequest = { format, files };
    setRequest(req);
    setBusy(true);
    try {
      setPreview(await api.invoke('people:import-preview', req));
    } catch (e) {
      setFailure(String(e));
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (!request) return;
    setBusy(true);
    try {
      const r = await api.invoke('people:import-apply', request);
      if (r.ok) { setDone(r); setPreview(null); setRequest(null); } else setPreview(r);
    } catch (e) {
      setFailure(String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="import-panel">
      <div className="btn-row">
        <button type="button" className="btn" onClick={onDone}>← All students</button>
      </div>
      <h2>Import the roster</h2>
      <section className="card-box">
        <Choice
          label="What are you importing?"
          value={format}
          onChange={(f) => { setFormat(f); setPreview(null); setRequest(null); }}
          options={[{ value: 'roster', label: 'Roster CSV' }, { value: 'oneroster', label: 'OneRoster bundle (from the SIS)' }]}
        />
        <p className="field-hint">
          {format === 'roster'
            ? 'Columns: student_number, first_name, last_name, class, guardian_name, guardian_phone (more guardians as guardian2_name, guardian2_phone…), optional pin.'
            : `Choose the three files together: ${ONEROSTER.join(', ')}. Guardians come from users with role parent or guardian.`}
        </p>
        <label className="file-pick">
          {busy ? 'Checking…' : format === 'roster' ? 'Choose roster CSV…' : 'Choose the three OneRoster files…'}
          <input type="file" accept=".csv,text/csv" multiple={format === 'oneroster'} data-testid="import-file" onChange={(e) => { void choose(e.target.files); e.target.value = ''; }} />
        </label>
      </section>
      {failure && <p className="banner error">The import could not be checked: {failure}</p>}
      {done?.ok && (
        <p className="banner ok" data-testid="import-done">
          Imported: {done.summary.studentsNew} new, {done.summary.studentsUpdated} updated{done.summary.studentsRestored > 0 ? ` (${done.summary.studentsRestored} back from the archive)` : ''}, {done.summary.studentsUnchanged} unchanged students;
          {' '}{done.summary.guardiansNew} new guardians.
        </p>
      )}
      {preview && !preview.ok && (
        <section className="card-box" data-testid="import-errors">
          <h2>Nothing was imported: fix {preview.errors.length === 1 ? 'this problem' : `these ${preview.errors.length} problems`} in the file and choose it again</h2>
          <ul className="error-list">
            {preview.errors.map((e, i) => (
              <li key={i}><strong>{e.file}{e.line > 0 ? `, line ${e.line}` : ''}:</strong> {e.message}</li>
            ))}
          </ul>
        </section>
      )}
      {preview?.ok && (
        <section className="card-box" data-testid="import-preview">
          <h2>Check the changes, then import</h2>
          {notUtf8.length > 0 && (
            <p className="banner warn" data-testid="import-encoding">
              {notUtf8.join(', ')} {notUtf8.length === 1 ? 'is' : 'are'} not saved as UTF-8 and {notUtf8.length === 1 ? 'was' : 'were'} read as Windows-1252, as Windows spreadsheets save CSV. Check that names with accents look right below; to be sure, save the file as “CSV UTF-8”.
            </p>
          )}
          {preview.warnings.length > 0 && (
            <div className="banner warn" data-testid="import-warnings">
              <strong>{preview.warnings.length === 1 ? 'One row is' : `${preview.warnings.length} rows are`} left out; the rest imports:</strong>
              <ul className="error-list">
                {preview.warnings.map((w, i) => (
                  <li key={i}><strong>{w.file}{w.line > 0 ? `, line ${w.line}` : ''}:</strong> {w.message}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="summary-grid">
            <div><strong>{preview.summary.studentsNew}</strong>new students</div>
            <div><strong>{preview.summary.studentsUpdated}</strong>students updated</div>
            <div><strong>{preview.summary.studentsUnchanged}</strong>unchanged</div>
            {preview.summary.studentsRestored > 0 && <div><strong>{preview.summary.studentsRestored}</strong>back from the archive</div>}
            <div><strong>{preview.summary.guardiansNew}</strong>new guardians</div>
            <div><strong>{preview.summary.linksRemoved}</strong>guardian links removed</div>
          </div>
          <table className="people-table">
            <thead><tr><th>Student</th><th>Number</th><th>Class</th><th>Change</th></tr></thead>
            <tbody>
              {preview.changes.filter((c) => c.change !== 'unchanged').map((c) => (
                <tr key={c.studentNumber}>
                  <td>{c.name}</td>
                  <td>{c.studentNumber}</td>
                  <td>{c.className || '—'}</td>
                  <td><span className={`tag ${c.change === 'new' ? 'good' : 'warn'}`}>{c.change === 'new' ? 'New' : 'Updated'}</span> {c.details.join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {preview.summary.studentsUnchanged > 0 && (
            <p className="admin-muted">{preview.summary.studentsUnchanged === 1 ? '1 student in the file is' : `${preview.summary.studentsUnchanged} students in the file are`} already up to date.</p>
          )}
          {preview.summary.studentsNotInFile > 0 && (
            <p className="banner warn">
              {preview.summary.studentsNotInFile === 1 ? '1 current student is' : `${preview.summary.studentsNotInFile} current students are`} not in this file and will stay as they are. Archive students who have left from their page.
            </p>
          )}
          <div className="btn-row">
            <button type="button" className="btn primary" disabled={busy} onClick={() => void confirm()} data-testid="import-confirm">Import {preview.changes.length} students</button>
            <button type="button" className="btn" onClick={() => { setPreview(null); setRequest(null); }}>Cancel</button>
          </div>
        </section>
      )}
    </div>
  );
}
