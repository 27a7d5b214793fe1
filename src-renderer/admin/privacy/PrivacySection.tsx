// Biometric privacy for the office: what the region allows and what is on record, deleting one
// student's face data (with a printable receipt), a student's access export, and the privacy pack.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AccessExport, PrivacyStatus } from '../../../src-preload/contract';
import { TextField } from '../input/TextField';
import type { AdminSectionProps } from '../section';
import './privacy.css';

type Printable = { title: string; html: string; json?: AccessExport };

function days(n: number | null): string {
  return n === null ? 'not kept' : `${n} day${n === 1 ? '' : 's'}`;
}

export function PrivacySection({ api }: AdminSectionProps) {
  const [status, setStatus] = useState<PrivacyStatus | null>(null);
  const [doc, setDoc] = useState<Printable | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [exportNumber, setExportNumber] = useState('');
  const [deleteNumber, setDeleteNumber] = useState('');
  const [requestedBy, setRequestedBy] = useState('');

  const refresh = () => api.invoke('privacy:status', {}).then(setStatus, (e: Error) => setError(e.message));
  useEffect(() => {
    void refresh();
  }, [api]);

  const run = async (f: () => Promise<Printable>) => {
    setError(null);
    try {
      setDoc(await f());
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const onExport = (e?: FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    const studentNumber = exportNumber.trim();
    if (!studentNumber) return;
    void run(async () => {
      const r = await api.invoke('privacy:access-export', { studentNumber });
      return { title: `Access export ${studentNumber}`, html: r.html, json: r.export };
    });
  };

  const onDelete = (e?: FormEvent<HTMLFormElement>) => {
    e?.preventDefault();
    const studentNumber = deleteNumber.trim();
    const by = requestedBy.trim();
    if (!studentNumber || !by) return;
    if (confirming !== studentNumber) {
      setConfirming(studentNumber);
      return;
    }
    setConfirming(null);
    void run(async () => {
      const r = await api.invoke('privacy:delete-biometrics', { studentNumber, requestedBy: by });
      void refresh();
      return { title: `Deletion receipt ${r.erasureId}`, html: r.html };
    });
  };

  if (!status) return <p className="admin-muted">{error ?? 'Loading…'}</p>;
  return (
    <div className="privacy" data-testid="privacy-section">
      <section className="privacy-card">
        <h2>Region and face mode</h2>
        <dl className="admin-stats privacy-facts">
          <dt>Region</dt>
          <dd>{status.regionName} ({status.region})</dd>
          <dt>Face mode</dt>
          <dd data-testid="privacy-face-mode">
            {!status.faceRecognitionAllowed ? 'not allowed in this region' : status.faceRecognition ? 'on, for students with consent' : 'off'}
          </dd>
          <dt>DPIA</dt>
          <dd>{status.dpia ? `${status.dpia.reference} (${status.dpia.date})` : status.dpiaRequired ? 'required before face mode' : 'not recorded'}</dd>
          <dt>Consent</dt>
          <dd>{status.signedReleaseRequired ? 'signed form required' : 'signed form or staff attestation'}</dd>
          <dt>Template key</dt>
          <dd className="privacy-small">{status.templateKeySource}</dd>
        </dl>
        <p className="admin-muted privacy-small">{status.law}</p>
      </section>

      <section className="privacy-card">
        <h2>Retention</h2>
        <dl className="admin-stats privacy-facts">
          <dt>Unused templates</dt>
          <dd>deleted after {days(status.templateUnusedDays)}</dd>
          <dt>Enrolment photos</dt>
          <dd>{days(status.keepEnrolmentPhotosDays)}</dd>
          <dt>Check-in photos</dt>
          <dd>{status.evidencePhotos.enabled ? `kept ${days(status.evidencePhotos.keepDays)}` : 'not taken'}</dd>
          <dt>Students with templates</dt>
          <dd data-testid="privacy-enrolled">{status.studentsWithTemplates}</dd>
          <dt>Deletions recorded</dt>
          <dd>{status.erasuresRecorded}</dd>
        </dl>
        <button type="button" className="privacy-button" onClick={() => void run(async () => ({ title: 'Privacy pack', html: (await api.invoke('privacy:pack', {})).html }))}>
          Privacy pack: notice, consent form, schedule
        </button>
      </section>

      <section className="privacy-card">
        <h2>Access export</h2>
        <form onSubmit={onExport} className="privacy-form">
          <TextField label="Student number" value={exportNumber} onChange={setExportNumber} maxLength={32} onEnter={() => onExport()} />
          <button type="submit" className="privacy-button" disabled={!exportNumber.trim()}>Show records</button>
        </form>
      </section>

      <section className="privacy-card privacy-danger">
        <h2>Delete a student’s face data</h2>
        <p className="admin-muted privacy-small">Removes their templates and any photos now; restores from older backups re-apply it. They keep checking in by card or PIN.</p>
        <form onSubmit={onDelete} className="privacy-form">
          <TextField label="Student number" value={deleteNumber} onChange={(v) => { setDeleteNumber(v); setConfirming(null); }} maxLength={32} />
          <TextField label="Your name" value={requestedBy} onChange={(v) => { setRequestedBy(v); setConfirming(null); }} maxLength={80} onEnter={() => onDelete()} />
          <button type="submit" className="privacy-button privacy-delete" data-testid="privacy-delete" disabled={!deleteNumber.trim() || !requestedBy.trim()}>
            {confirming ? `Yes, delete face data of ${confirming}` : 'Delete face data'}
          </button>
        </form>
      </section>

      {error && <p className="privacy-error" role="alert">{error}</p>}
      {doc && <PrintableView doc={doc} onClose={() => setDoc(null)} />}
    </div>
  );
}

function PrintableView({ doc, onClose }: { doc: Printable; onClose: () => void }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const box = useRef<HTMLElement>(null);
  const [jsonUrl, setJsonUrl] = useState<string | null>(null);
  // The document opens below the cards, out of sight at 1280×800: bring it into view.
  useEffect(() => {
    box.current?.scrollIntoView({ block: 'start' });
  }, [doc]);
  useEffect(() => {
    if (!doc.json) return;
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc.json, null, 2)], { type: 'application/json' }));
    setJsonUrl(url);
    return () => URL.revokeObjectURL(url);
  }, [doc]);
  return (
    <section ref={box} className="privacy-doc" data-testid="privacy-doc">
      <header>
        <strong>{doc.title}</strong>
        <span className="privacy-doc-actions">
          <button type="button" className="privacy-button" onClick={() => frame.current?.contentWindow?.print()}>Print</button>
          {jsonUrl && doc.json && (
            <a className="privacy-button" href={jsonUrl} download={`access-export-${doc.json.student.studentNumber}.json`}>Download JSON</a>
          )}
          <button type="button" className="privacy-button privacy-secondary" onClick={onClose}>Close</button>
        </span>
      </header>
      <iframe ref={frame} title={doc.title} srcDoc={doc.html} />
    </section>
  );
}
