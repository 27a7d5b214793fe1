// Texts to parents, for the office and IT: whether today's queue can go out in time (and what to do
// if not), how a template reads on a phone, every text's delivery record, and a test text.
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryLogEntry, SmsStatus, TemplatePreviewResult } from '../../../src-preload/contract';
import type { AdminSectionProps } from '../section';
import './messages.css';

const types = ['check_in', 'check_out', 'late_arrival', 'absence', 'no_checkout'] as const;
type SmsTypeName = (typeof types)[number];
const typeLabel: Record<string, string> = {
  check_in: 'Arrival',
  check_out: 'Departure',
  late_arrival: 'Late arrival',
  absence: 'Absence',
  no_checkout: 'No check-out',
  test: 'Test',
};
const stateLabel: Record<string, string> = {
  queued: 'Waiting',
  sending: 'Sending',
  accepted: 'With the gateway',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
  expired: 'Expired',
};

export function MessagesSection(props: AdminSectionProps) {
  return (
    <div className="sms-admin">
      {props.role === 'it' ? (
        <CapacityPanel {...props} />
      ) : (
        <section className="sms-card"><h2>Sending capacity</h2><p className="admin-muted">Capacity, provider and test texts are in the IT view.</p></section>
      )}
      <TemplatePanel {...props} />
      <DeliveryLog {...props} />
    </div>
  );
}

function CapacityPanel({ api }: AdminSectionProps) {
  const [status, setStatus] = useState<SmsStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [phone, setPhone] = useState('');
  const [testResult, setTestResult] = useState<string | null>(null);
  const load = useCallback(() => {
    api.invoke('sms:status', {}).then(setStatus, (e: Error) => setError(e.message));
  }, [api]);
  useEffect(load, [load]);
  if (error) return <section className="sms-card"><h2>Sending capacity</h2><p className="admin-muted">Only IT can see the provider and capacity ({error}).</p></section>;
  if (!status) return <section className="sms-card"><p className="admin-muted">Loading…</p></section>;
  const h = status.health;
  const sendTest = async () => {
    const r = await api.invoke('sms:send-test', { phone });
    setTestResult(r.ok ? `Test text queued (message ${r.outboxId}); its state appears in the log below.` : r.reason);
    load();
  };
  return (
    <section className="sms-card" data-testid="sms-capacity">
      <h2>Sending capacity</h2>
      {h.capacity.status === 'warn' ? (
        <div className="sms-warning" role="alert" data-testid="sms-capacity-warning">
          {h.capacity.warnings.map((w) => <p key={w}>{w[0]!.toUpperCase() + w.slice(1)}.</p>)}
          <p className="sms-remedies-title">What can be done:</p>
          <ul>{h.capacity.remedies.map((r) => <li key={r}>{r}</li>)}</ul>
        </div>
      ) : (
        <p className="sms-ok">Today's texts can all be sent in time at the current limits.</p>
      )}
      {h.quietHoursUntil && (
        <p className="sms-hint" data-testid="sms-quiet">
          Quiet hours until {new Date(h.quietHoursUntil).toLocaleTimeString(undefined, { timeStyle: 'short' })}: absence and late texts wait, arrival and departure texts expire.
        </p>
      )}
      <dl className="admin-stats sms-stats">
        <dt>Limits</dt>
        <dd>{h.limits.perMinute} per minute, {h.limits.perHour} per hour</dd>
        <dt>Sent in the last hour</dt>
        <dd>{h.sentLastHour} (last minute {h.sentLastMinute})</dd>
        <dt>Waiting</dt>
        <dd>{h.byState.queued ?? 0}{h.oldestQueuedSeconds > 0 ? `, oldest ${Math.round(h.oldestQueuedSeconds / 60)} min` : ''}</dd>
        <dt>Delivered or sent (24 h)</dt>
        <dd>{h.deliveryRatePercent === null ? 'nothing yet' : `${h.deliveryRatePercent} %`}</dd>
        <dt>Numbers flagged invalid</dt>
        <dd>{h.flaggedNumbers}</dd>
      </dl>
      <h3>Provider</h3>
      <dl className="admin-stats sms-stats" data-testid="sms-provider">
        {Object.entries(status.provider).map(([k, v]) => (
          <div key={k} className="sms-row"><dt>{k}</dt><dd>{v}</dd></div>
        ))}
      </dl>
      <div className="sms-test">
        <input aria-label="Phone number for a test text" placeholder="Phone number" value={phone} onChange={(e) => setPhone(e.target.value)} />
        <button type="button" disabled={phone.trim().length < 3} onClick={() => void sendTest()}>Send test text</button>
      </div>
      {testResult && <p className="admin-muted" data-testid="sms-test-result">{testResult}</p>}
    </section>
  );
}

function TemplatePanel({ api }: AdminSectionProps) {
  const [type, setType] = useState<SmsTypeName>('check_in');
  const [template, setTemplate] = useState<string | null>(null);
  const [name, setName] = useState('Zoë Núñez');
  const [preview, setPreview] = useState<TemplatePreviewResult | null>(null);
  useEffect(() => {
    let live = true;
    void api.invoke('sms:template-preview', { type }).then((p) => {
      if (!live) return;
      setTemplate(p.template);
      setPreview(p);
    });
    return () => { live = false; };
  }, [api, type]);
  useEffect(() => {
    if (template === null || template.trim() === '') return;
    let live = true;
    void api.invoke('sms:template-preview', { type, template, ...(name.trim() ? { studentName: name } : {}) }).then((p) => live && setPreview(p));
    return () => { live = false; };
  }, [api, type, template, name]);
  return (
    <section className="sms-card" data-testid="sms-template">
      <h2>Template preview</h2>
      <div className="sms-template-controls">
        <label>Text<select value={type} onChange={(e) => setType(e.target.value as SmsTypeName)}>{types.map((t) => <option key={t} value={t}>{typeLabel[t]}</option>)}</select></label>
        <label>Student name<input value={name} onChange={(e) => setName(e.target.value)} /></label>
      </div>
      <textarea aria-label="Template" rows={3} value={template ?? ''} onChange={(e) => setTemplate(e.target.value)} />
      {preview && (
        <>
          {preview.error ? <p className="sms-error" role="alert">{preview.error}</p> : <p className="sms-phone" data-testid="sms-rendered">{preview.text}</p>}
          <p className="admin-muted" data-testid="sms-preview-numbers">
            {preview.preview.characters} characters · {preview.preview.encoding} · {preview.preview.segments} {preview.preview.segments === 1 ? 'segment' : 'segments'}
          </p>
          {preview.preview.warnings.map((w) => <p key={w} className="sms-hint">{w[0]!.toUpperCase() + w.slice(1)}.</p>)}
        </>
      )}
      <p className="admin-muted">Placeholders: {'{student_name} {first_name} {time} {date} {school_name} {minutes_late} {session}'}. Templates are saved in Settings.</p>
    </section>
  );
}

function DeliveryLog({ api }: AdminSectionProps) {
  const [rows, setRows] = useState<DeliveryLogEntry[] | null>(null);
  useEffect(() => {
    let live = true;
    void api.invoke('sms:delivery-log', { limit: 50 }).then((r) => live && setRows(r));
    return () => { live = false; };
  }, [api]);
  return (
    <section className="sms-card sms-wide" data-testid="sms-log">
      <h2>Delivery log</h2>
      {!rows ? <p className="admin-muted">Loading…</p> : rows.length === 0 ? <p className="admin-muted">No texts yet.</p> : (
        <table className="sms-table">
          <thead><tr><th>Queued</th><th>Text</th><th>Student</th><th>Guardian</th><th>State</th><th>Details</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.outboxId} className={`sms-state-${r.state}`}>
                <td>{new Date(r.createdAt).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })}</td>
                <td>{typeLabel[r.type] ?? r.type}</td>
                <td>{r.studentName ?? '—'}</td>
                <td>{r.guardianName ?? '—'}<br /><span className="admin-muted">{r.phoneMasked}{r.numberFlagged ? ' · number flagged' : ''}</span></td>
                <td>{stateLabel[r.state] ?? r.state}</td>
                <td>{r.reason ?? r.events.map((e) => `${stateLabel[e.state] ?? e.state} ${new Date(e.occurredAt).toLocaleTimeString(undefined, { timeStyle: 'short' })}`).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
