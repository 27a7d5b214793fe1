// The school's consent rules for face check-in: which privacy notice version families are given, and
// whether students must agree too. Saved through the settings store (validated and audited there).
import { useEffect, useState } from 'react';
import type { KioskApi } from '../../../src-preload/contract';
import { TextField, Toggle } from '../people/fields';

export function ConsentRules({ api }: { api: KioskApi }) {
  const [notice, setNotice] = useState('');
  const [requireStudent, setRequireStudent] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    void api.invoke('consent:settings', {}).then((s) => { setNotice(s.noticeVersion); setRequireStudent(s.requireStudentConsent); });
  }, [api]);

  const save = async () => {
    const r = await api.invoke('settings:update', { patch: { consent: { noticeVersion: notice, requireStudentConsent: requireStudent } } });
    setMessage(r.ok ? { ok: true, text: 'Consent rules saved.' } : { ok: false, text: r.errors.map((e) => `${e.key}: ${e.message}`).join('; ') });
  };

  return (
    <details className="card-box consent-rules">
      <summary>School consent rules</summary>
      <TextField label="Current privacy notice version" value={notice} onChange={setNotice} hint="Recorded with every consent; change it when the notice text changes." />
      <Toggle label="Students must also consent (not only a guardian)" checked={requireStudent} onChange={setRequireStudent} />
      {message && <p className={`banner ${message.ok ? 'ok' : 'error'}`}>{message.text}</p>}
      <div className="btn-row"><button type="button" className="btn primary" onClick={() => void save()}>Save consent rules</button></div>
    </details>
  );
}
