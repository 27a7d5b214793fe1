// Texts to parents, for the office and IT: whether today's queue can go out in time (and what to do
// if not), the sending limits and quiet hours, each text's wording with how it reads on a phone,
// every text's delivery record, and a test text. Every field uses the on-screen keyboard.
import { useCallback, useEffect, useState } from 'react';
import type { DeliveryLogEntry, SettingError, SmsStatus, TemplatePreviewResult } from '../../../src-preload/contract';
import { TextField } from '../input/TextField';
import type { AdminSectionProps } from '../section';
import { schoolTime, useSchoolZone } from '../school-time';
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

const providerLabel: Record<string, string> = {
  provider: 'Sends through',
  url: 'Gateway address',
  username: 'User name',
  password: 'Password',
  webhookSigningKey: 'Webhook signing key',
  deviceId: 'Phone (device id)',
  simNumber: 'SIM',
  accountSid: 'Account SID',
  authToken: 'Auth token',
  from: 'From number',
  statusCallbackUrl: 'Status callback address',
};
const providerName: Record<string, string> = {
  log: 'Log file only',
  'android-gateway-local': 'Android phone on the school network',
  'android-gateway-cloud': 'Android phone through the SMS Gateway cloud',
  twilio: 'Twilio',
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
  const at = schoolTime(useSchoolZone(api));
  const load = useCallback(() => {
    api.invoke('sms:status', {}).then(setStatus, (e: Error) => setError(e.message));
  }, [api]);
  useEffect(load, [load]);
  if (error) return <section className="sms-card"><h2>Sending capacity</h2><p className="admin-muted">Only IT can see the provider and capacity ({error}).</p></section>;
  if (!status) return <section className="sms-card"><p className="admin-muted">Loading…</p></section>;
  const h = status.health;
  const canSend = phone.trim().length >= 3;
  const sendTest = async () => {
    if (!canSend) return;
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
          Quiet hours until {at.time(h.quietHoursUntil)}: absence and late texts wait, arrival and departure texts expire.
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
      <LimitsForm api={api} onSaved={load} />
      <h3>Provider</h3>
      {h.provider === 'log' && (
        <p className="sms-hint" data-testid="sms-test-mode">Test mode: texts are written to the log, not sent. IT chooses a gateway in sms.provider.</p>
      )}
      <dl className="admin-stats sms-stats" data-testid="sms-provider">
        {Object.entries(status.provider).map(([k, v]) => (
          <div key={k} className="sms-row"><dt>{providerLabel[k] ?? k}</dt><dd>{k === 'provider' ? (providerName[v] ?? v) : v}</dd></div>
        ))}
      </dl>
      <div className="sms-test">
        <TextField label="Phone number for a test text" kind="phone" placeholder="+44 7400 123456" value={phone} onChange={setPhone} onEnter={() => void sendTest()} maxLength={32} testId="sms-test-phone" />
        <button type="button" className="admin-primary" data-testid="sms-send-test" disabled={!canSend} onClick={() => void sendTest()}>Send test text</button>
      </div>
      {testResult && <p className="admin-muted" data-testid="sms-test-result">{testResult}</p>}
    </section>
  );
}

/** A number if the text is one; otherwise the text, so the core's message names the key. */
const num = (text: string): number | string => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : text);

type Limits = { perMinute: string; perHour: string; quietFrom: string; quietTo: string };

// `any`: settings:get answers plain JSON in the shape of config/default.json.
function limitsFrom(values: Record<string, any>): Limits {
  const q = values.sms.quietHours as [string, string] | null;
  return { perMinute: String(values.sms.limits.perMinute), perHour: String(values.sms.limits.perHour), quietFrom: q?.[0] ?? '', quietTo: q?.[1] ?? '' };
}

/** IT's sending limits and quiet hours, saved through settings:update like every other setting. */
function LimitsForm({ api, onSaved }: { api: AdminSectionProps['api']; onSaved(): void }) {
  const [saved, setSaved] = useState<Limits | null>(null);
  const [draft, setDraft] = useState<Limits | null>(null);
  const [errors, setErrors] = useState<SettingError[]>([]);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const load = useCallback(async () => {
    const l = limitsFrom((await api.invoke('settings:get', {})).values);
    setSaved(l);
    setDraft(l);
  }, [api]);
  useEffect(() => {
    load().catch((e: Error) => setNotice({ ok: false, text: e.message }));
  }, [load]);
  if (!draft || !saved) return null;
  const dirty = JSON.stringify(draft) !== JSON.stringify(saved);
  const set = (k: keyof Limits) => (v: string) => setDraft({ ...draft, [k]: v });
  const err = (prefix: string) => errors.find((e) => e.key === prefix || e.key.startsWith(`${prefix}.`))?.message ?? null;
  const save = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const quiet = draft.quietFrom.trim() === '' && draft.quietTo.trim() === '' ? null : [draft.quietFrom.trim(), draft.quietTo.trim()];
      const r = await api.invoke('settings:update', { patch: { sms: { limits: { perMinute: num(draft.perMinute), perHour: num(draft.perHour) }, quietHours: quiet } } });
      if (r.ok) {
        setErrors([]);
        setNotice({ ok: true, text: r.changed.length === 0 ? 'Nothing changed.' : 'Saved. Texts are sent at the new limits from now on.' });
        await load();
        onSaved();
      } else {
        setErrors(r.errors);
        setNotice({ ok: false, text: 'Not saved: see the message in red.' });
      }
    } catch (e) {
      setNotice({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="sms-limits" data-testid="sms-limits">
      <h3>Limits and quiet hours</h3>
      <div className="sms-fields">
        <TextField label="Texts per minute" kind="number" maxLength={5} value={draft.perMinute} onChange={set('perMinute')} error={err('sms.limits.perMinute')} testId="sms-limit-minute" />
        <TextField label="Texts per hour" kind="number" maxLength={6} value={draft.perHour} onChange={set('perHour')} error={err('sms.limits.perHour')} hint="As many as the SIM plan allows." testId="sms-limit-hour" />
      </div>
      <div className="sms-fields">
        <TextField label="Quiet from" kind="time" maxLength={5} placeholder="22:00" value={draft.quietFrom} onChange={set('quietFrom')} error={err('sms.quietHours')} hint="Leave both empty for no quiet hours." testId="sms-quiet-from" />
        <TextField label="Quiet until" kind="time" maxLength={5} placeholder="06:00" value={draft.quietTo} onChange={set('quietTo')} testId="sms-quiet-to" />
      </div>
      <div className="sms-actions">
        <button type="button" className="admin-primary" data-testid="sms-limits-save" disabled={!dirty || busy} onClick={() => void save()}>{busy ? 'Saving…' : 'Save limits'}</button>
        <button type="button" className="admin-secondary" disabled={!dirty || busy} onClick={() => { setDraft(saved); setErrors([]); setNotice(null); }}>Undo</button>
        {notice && <p className={notice.ok ? 'admin-ok' : 'admin-warning'} role="status" data-testid="sms-limits-notice">{notice.text}</p>}
      </div>
    </div>
  );
}

// The plain name first, so the default wording previews as the single GSM segment most texts are;
// the accented one shows what a name outside GSM-7 costs.
const SAMPLE_NAMES = ['Alex Morgan', 'Zoë Núñez'] as const;

function TemplatePanel({ api }: AdminSectionProps) {
  const [type, setType] = useState<SmsTypeName>('check_in');
  // Per type: what is saved and what is being written, so switching type never loses a draft.
  const [saved, setSaved] = useState<Partial<Record<SmsTypeName, string>>>({});
  const [drafts, setDrafts] = useState<Partial<Record<SmsTypeName, string>>>({});
  const [name, setName] = useState<string>(SAMPLE_NAMES[0]);
  const [preview, setPreview] = useState<TemplatePreviewResult | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const template = drafts[type];
  useEffect(() => {
    if (saved[type] !== undefined) return;
    let live = true;
    void api.invoke('sms:template-preview', { type }).then((p) => {
      if (!live) return;
      setSaved((s) => ({ ...s, [type]: p.template }));
      setDrafts((d) => ({ ...d, [type]: d[type] ?? p.template }));
      setPreview(p);
    });
    return () => { live = false; };
  }, [api, type, saved]);
  useEffect(() => {
    if (template === undefined || template.trim() === '') return;
    let live = true;
    void api.invoke('sms:template-preview', { type, template, ...(name.trim() ? { studentName: name } : {}) }).then((p) => live && setPreview(p));
    return () => { live = false; };
  }, [api, type, template, name]);
  const dirty = (t: SmsTypeName) => drafts[t] !== undefined && drafts[t] !== saved[t];
  const edit = (v: string) => {
    setDrafts((d) => ({ ...d, [type]: v }));
    setSaveError(null);
    setNotice(null);
  };
  const save = async () => {
    if (template === undefined) return;
    setBusy(true);
    setNotice(null);
    try {
      const r = await api.invoke('settings:update', { patch: { sms: { templates: { [type]: template } } } });
      if (r.ok) {
        setSaved((s) => ({ ...s, [type]: template }));
        setSaveError(null);
        setNotice(`Saved. ${typeLabel[type]} texts use this wording from now on.`);
      } else {
        setSaveError(r.errors.map((e) => e.message).join('; '));
      }
    } catch (e) {
      setSaveError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const shown = preview?.type === type ? preview : null;
  return (
    <section className="sms-card" data-testid="sms-template">
      <h2>Text wording</h2>
      <div className="admin-choice" role="radiogroup" aria-label="Which text" data-testid="sms-template-type">
        {types.map((t) => (
          <button key={t} type="button" role="radio" aria-checked={t === type} className={t === type ? 'active' : ''} data-type={t} onClick={() => { setType(t); setSaveError(null); setNotice(null); }}>
            {typeLabel[t]}{dirty(t) ? ' •' : ''}
          </button>
        ))}
      </div>
      <TextField label="Wording" rows={4} maxLength={640} value={template ?? ''} onChange={edit} error={saveError} testId="sms-template-text" />
      <TextField label="Student name for the preview" value={name} onChange={setName} maxLength={80} testId="sms-preview-name" />
      <div className="admin-choice sms-samples" role="radiogroup" aria-label="Sample name" data-testid="sms-preview-samples">
        {SAMPLE_NAMES.map((n) => (
          <button key={n} type="button" role="radio" aria-checked={n === name} className={n === name ? 'active' : ''} onClick={() => setName(n)}>{n}</button>
        ))}
      </div>
      {shown && (
        <>
          {shown.error ? <p className="sms-error" role="alert" data-testid="sms-preview-error">{shown.error}</p> : <p className="sms-phone" data-testid="sms-rendered">{shown.text}</p>}
          <p className="admin-muted" data-testid="sms-preview-numbers">
            {shown.preview.characters} characters · {shown.preview.encoding} · {shown.preview.segments} {shown.preview.segments === 1 ? 'segment' : 'segments'}
          </p>
          {shown.preview.warnings.map((w) => <p key={w} className="sms-hint">{w[0]!.toUpperCase() + w.slice(1)}.</p>)}
        </>
      )}
      <p className="admin-muted">Placeholders: {'{student_name} {first_name} {time} {date} {school_name} {minutes_late} {session}'}.</p>
      <div className="sms-actions">
        <button type="button" className="admin-primary" data-testid="sms-template-save" disabled={!dirty(type) || busy || !template?.trim()} onClick={() => void save()}>{busy ? 'Saving…' : 'Save wording'}</button>
        <button type="button" className="admin-secondary" disabled={!dirty(type) || busy} onClick={() => edit(saved[type] ?? '')}>Undo</button>
        {notice && <p className="admin-ok" role="status" data-testid="sms-template-notice">{notice}</p>}
      </div>
    </section>
  );
}

function DeliveryLog({ api, role }: AdminSectionProps) {
  const [rows, setRows] = useState<DeliveryLogEntry[] | null>(null);
  // Only IT may read the provider; for the office an accepted text keeps the gateway wording.
  const [testMode, setTestMode] = useState(false);
  const zone = useSchoolZone(api);
  const at = schoolTime(zone);
  useEffect(() => {
    let live = true;
    void api.invoke('sms:delivery-log', { limit: 50 }).then((r) => live && setRows(r));
    if (role === 'it') api.invoke('sms:status', {}).then((s) => live && setTestMode(s.health.provider === 'log'), () => undefined);
    return () => { live = false; };
  }, [api, role]);
  const label = (state: string) => (testMode && state === 'accepted' ? 'Written to the log (test mode)' : stateLabel[state] ?? state);
  return (
    <section className="sms-card sms-wide" data-testid="sms-log">
      <h2>Delivery log</h2>
      {!rows || !zone ? <p className="admin-muted">Loading…</p> : rows.length === 0 ? <p className="admin-muted">No texts yet.</p> : (
        <table className="sms-table">
          <thead><tr><th>Queued</th><th>Text</th><th>Student</th><th>Guardian</th><th>State</th><th>Details</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.outboxId} className={`sms-state-${r.state}`}>
                <td>{at.dateTime(r.createdAt)}</td>
                <td>{typeLabel[r.type] ?? r.type}</td>
                <td>{r.studentName ?? '—'}</td>
                <td>{r.guardianName ?? '—'}<br /><span className="admin-muted">{r.phoneMasked}{r.numberFlagged ? ' · number flagged' : ''}</span></td>
                <td>{label(r.state)}</td>
                <td>{r.reason ?? r.events.map((e) => `${label(e.state)} ${at.time(e.occurredAt)}`).join(' · ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
