// Pairs of enrolled students whose faces are close (siblings, twins). Marked students always confirm
// with their card or PIN at the kiosk, so one can never be checked in as the other.
import { useCallback, useEffect, useState } from 'react';
import type { KioskApi, LookAlikePair } from '../../../src-preload/contract';

export function LookAlikeReport({ api }: { api: KioskApi }) {
  const [pairs, setPairs] = useState<LookAlikePair[] | null>(null);
  const load = useCallback(() => void api.invoke('enrolment:look-alikes', {}).then((r) => setPairs(r.pairs)), [api]);
  useEffect(load, [load]);
  const mark = async (p: LookAlikePair, flagged: boolean) => {
    await api.invoke('enrolment:flag-look-alike', { studentId: p.a.studentId, flagged });
    await api.invoke('enrolment:flag-look-alike', { studentId: p.b.studentId, flagged });
    load();
  };
  return (
    <section className="card-box" data-testid="look-alike-report">
      <h2>Look-alike report</h2>
      <p className="field-hint">Enrolled students whose faces are close enough to be mistaken for each other. Marked students also show their card or enter their PIN at the kiosk.</p>
      {!pairs ? <p className="admin-muted">Comparing faces…</p> : pairs.length === 0 ? <p className="admin-muted">No enrolled students look alike.</p> : (
        <table className="people-table">
          <thead><tr><th>Student</th><th>Looks like</th><th>Closeness</th><th>Second factor</th></tr></thead>
          <tbody>
            {pairs.map((p) => (
              <tr key={`${p.a.studentId}-${p.b.studentId}`}>
                <td>{p.a.name} ({p.a.studentNumber})</td>
                <td>{p.b.name} ({p.b.studentNumber})</td>
                <td>{(p.score * 100).toFixed(0)} %</td>
                <td>
                  {p.flagged
                    ? <><span className="tag warn">Always asked</span> <button type="button" className="btn" onClick={() => void mark(p, false)}>Stop asking</button></>
                    : <button type="button" className="btn primary" onClick={() => void mark(p, true)}>Always ask both</button>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
