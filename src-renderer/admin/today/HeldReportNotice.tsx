// Today's absence report when it was held (a restore lost part of check-in, or too much of the roll
// had no arrival): why, and the office's "send the absence texts now" once the records are right.
import { useCallback, useEffect, useState } from 'react';
import type { KioskApi } from '../../../src-preload/contract';

export function HeldReportNotice({ api }: { api: KioskApi }) {
  const [state, setState] = useState<{ held: boolean; detail: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string | null>(null);
  const refresh = useCallback(() => api.invoke('notices:absence-report', {}).then(setState), [api]);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  async function send() {
    setBusy(true);
    try {
      const r = await api.invoke('notices:send-held-absence', {});
      setResult(r.ok ? `Absence texts queued: ${r.texts} (for ${r.reported} students).` : r.error);
      await refresh();
    } finally {
      setBusy(false);
    }
  }

  if (!state?.held && !result) return null;
  return (
    <div className="backups-notice warn" role="status" data-testid="held-absence-report">
      {state?.held && (
        <>
          <p>{state.detail}</p>
          <p>Check today's records first: every child who is in school must have an arrival.</p>
          <button type="button" className="backups-button" disabled={busy} onClick={() => void send()}>
            Send the absence texts now
          </button>
        </>
      )}
      {result && <p>{result}</p>}
    </div>
  );
}
