// School settings on the admin screen: the school, languages, sessions and their windows, late
// threshold, cooldown, school days, holidays, the daily absence and no-check-out texts and (IT)
// recognition thresholds. Nothing is saved until "Save changes"; the core checks the whole config
// and its message appears next to the field.
// Other areas (SMS wording and provider, retention, backups) keep their own sections and send their
// own keys with settings:update; the core merges any partial patch and names the key in each error.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SettingError } from '../../../src-preload/contract';
import { sentence, TextField } from '../input/TextField';
import type { AdminSectionProps } from '../section';
import { draftFrom, patchFrom, type HolidayDraft, type NoticeDraft, type SessionDraft, type SettingsDraft } from './draft';
import './settings.css';

const LANGUAGES = [
  { id: 'en', label: 'English' },
  { id: 'es', label: 'Español' },
];
const DAYS = [
  ['monday', 'Mon'], ['tuesday', 'Tue'], ['wednesday', 'Wed'], ['thursday', 'Thu'], ['friday', 'Fri'], ['saturday', 'Sat'], ['sunday', 'Sun'],
] as const;

/** Human names for keys in messages that have no field of their own on screen. */
const KEY_NAMES: Record<string, string> = {
  'school.name': 'School name',
  'school.timezone': 'Time zone',
  'school.country': 'Country',
  'school.locale': 'Date and time format',
  'schedule.cooldownMinutes': 'Cooldown',
  'schedule.schoolDays': 'School days',
  'schedule.sessions': 'Sessions',
  'schedule.absenceReport': 'Absence texts',
  'schedule.noCheckoutNotice': 'Did not check out texts',
  'recognition.agreeFrames': 'Frames that must agree',
  'recognition.modelId': 'Recognition model',
  'recognition.detector': 'Face detector',
  'health.port': 'Health port',
  'health.host': 'Health address',
  'webhook.port': 'Delivery report port',
  'webhook.host': 'Delivery report address',
  'disk.ballastMiB': 'Disk reserve',
  'shell.autostart': 'Start with the computer',
};

/** Keys the core reads only at start (settings:get lists them): saved now, in force after a restart. */
const afterRestartIn = (prefixes: string[], key: string) => prefixes.some((k) => key === k || key.startsWith(`${k}.`));
const keyName = (key: string) => KEY_NAMES[key] ?? (key.startsWith('recognition.quality.') ? 'Camera quality gate' : key);
/** "schedule.holidays.1.from" -> "Holiday 2, from": a list entry by its place, as the office sees the list. */
const ignoredName = (key: string) => {
  const m = /^schedule\.(holidays|sessions)\.(\d+)(?:\.(.+))?$/.exec(key);
  if (!m) return keyName(key);
  return `${m[1] === 'holidays' ? 'Holiday' : 'Session'} ${Number(m[2]) + 1}${m[3] ? `, ${m[3]}` : ''}`;
};

type Notice = { ok: boolean; text: string } | null;

export function SettingsSection({ api, role }: AdminSectionProps) {
  const [saved, setSaved] = useState<SettingsDraft | null>(null);
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [errors, setErrors] = useState<SettingError[]>([]);
  const [notice, setNotice] = useState<Notice>(null);
  const [busy, setBusy] = useState(false);
  const [restart, setRestart] = useState<{ keys: string[]; pending: string[] }>({ keys: [], pending: [] });
  const [ignored, setIgnored] = useState<SettingError[]>([]);

  const load = useCallback(async () => {
    const view = await api.invoke('settings:get', {});
    setRestart({ keys: view.afterRestart, pending: view.pendingRestart });
    setIgnored(view.ignored);
    const d = draftFrom(view.values);
    setSaved(d);
    setDraft(structuredClone(d));
  }, [api]);

  useEffect(() => {
    load().catch((e: Error) => setNotice({ ok: false, text: e.message }));
  }, [load]);

  const patch = useMemo(() => (saved && draft ? patchFrom(saved, draft, role) : {}), [saved, draft, role]);
  const dirty = Object.keys(patch).length > 0;

  if (!draft) return <p className="admin-muted">{notice?.text ?? 'Loading…'}</p>;

  const edit = (f: (d: SettingsDraft) => void) =>
    setDraft((d) => {
      const next = structuredClone(d!);
      f(next);
      return next;
    });
  const err = (key: string) => errors.find((e) => e.key === key)?.message ?? null;

  const save = async () => {
    setBusy(true);
    setNotice(null);
    try {
      const r = await api.invoke('settings:update', { patch });
      if (r.ok) {
        setErrors([]);
        const later = [...new Set(r.changed.filter((c) => afterRestartIn(restart.keys, c.key)).map((c) => keyName(c.key)))];
        const saved = `Saved: ${r.changed.length} ${r.changed.length === 1 ? 'setting' : 'settings'} changed.`;
        setNotice({
          ok: true,
          text:
            r.changed.length === 0
              ? 'Nothing changed.'
              : later.length === 0
                ? `${saved} The kiosk uses them now.`
                : later.length === r.changed.length
                  ? `${saved} ${later.join(', ')}: applies after the kiosk restarts.`
                  : `${saved} The kiosk uses them now, except ${later.join(', ')}: applies after the kiosk restarts.`,
        });
        await load();
      } else {
        setErrors(r.errors);
        setNotice({ ok: false, text: `Not saved. ${r.errors.length === 1 ? 'One setting needs' : `${r.errors.length} settings need`} fixing (shown in red).` });
        requestAnimationFrame(() => document.querySelector('.settings .field-error')?.scrollIntoView({ block: 'center' }));
      }
    } catch (e) {
      setNotice({ ok: false, text: (e as Error).message });
    } finally {
      setBusy(false);
    }
  };

  const shownKeys = new Set<string>(['school.language', 'sms.language', 'schedule.sessions', 'schedule.schoolDays']);
  const field: FieldFn = (key, label, value, set, opts = {}) => {
    shownKeys.add(key);
    const later = 'Applies after the kiosk restarts.';
    const hint = afterRestartIn(restart.keys, key) ? (opts.hint ? <>{opts.hint} {later}</> : later) : opts.hint;
    return <TextField key={key} label={label} value={value} onChange={set} kind={opts.kind} hint={hint} error={err(key)} testId={opts.testId ?? `setting-${key}`} maxLength={opts.maxLength} placeholder={opts.placeholder} />;
  };

  const body = (
    <>
      <Group title="School">
        {field('school.name', 'School name', draft.school.name, (v) => edit((d) => { d.school.name = v; }), { hint: 'Shown at the top of the kiosk and in texts to parents.', maxLength: 80 })}
        {field('school.timezone', 'Time zone', draft.school.timezone, (v) => edit((d) => { d.school.timezone = v; }), { hint: 'As in "Europe/London" or "America/New_York".' })}
        <div className="settings-row">
          {field('school.country', 'Country code', draft.school.country, (v) => edit((d) => { d.school.country = v.toUpperCase(); }), { hint: 'Two letters, for phone numbers: GB, ES, US…', maxLength: 2 })}
          {field('school.locale', 'Date and time format', draft.school.locale, (v) => edit((d) => { d.school.locale = v; }), { hint: 'As in "en-GB" (24-hour, 7 December) or "en-US".' })}
        </div>
        <Choice label="Kiosk language" testId="setting-school.language" value={draft.school.language} options={LANGUAGES} onChange={(v) => edit((d) => { d.school.language = v; })} error={err('school.language')} />
        <Choice label="Language of texts to parents" testId="setting-sms.language" value={draft.sms.language} options={LANGUAGES} onChange={(v) => edit((d) => { d.sms.language = v; })} error={err('sms.language')} hint="Switches the built-in wording of the texts; wording the school wrote itself is kept." />
      </Group>

      <Group title="Sessions">
        <p className="admin-muted settings-note">The kiosk records arrivals while check-in is open and departures while check-out is open. An arrival counts as late once "Late after" minutes have passed since the session starts.</p>
        {draft.schedule.sessions.map((s, i) => (
          <SessionCard key={i} index={i} session={s} field={field} err={err} onChange={(f) => edit((d) => f(d.schedule.sessions[i]!))} onRemove={draft.schedule.sessions.length > 1 ? () => edit((d) => { d.schedule.sessions.splice(i, 1); }) : undefined} />
        ))}
        <button type="button" className="admin-secondary" onClick={() => edit((d) => { d.schedule.sessions.push({ name: '', start: '', end: '', checkIn: ['', ''], checkOut: ['', ''], lateAfterMinutes: '15' }); })}>
          Add a session
        </button>
        {err('schedule.sessions') && <p className="field-error">{sentence(err('schedule.sessions')!)}</p>}
      </Group>

      <Group title="Check-in rules">
        {field('schedule.cooldownMinutes', 'Cooldown (minutes)', draft.schedule.cooldownMinutes, (v) => edit((d) => { d.schedule.cooldownMinutes = v; }), { kind: 'number', hint: 'A second scan within this time is not recorded again.' })}
        <div className="field">
          <span className="settings-label">School days</span>
          <div className="admin-choice" data-testid="setting-schedule.schoolDays">
            {DAYS.map(([id, label]) => {
              const on = draft.schedule.schoolDays.includes(id);
              return (
                <button key={id} type="button" aria-pressed={on} className={on ? 'active' : ''} onClick={() => edit((d) => { d.schedule.schoolDays = on ? d.schedule.schoolDays.filter((x) => x !== id) : DAYS.map(([x]) => x).filter((x) => x === id || d.schedule.schoolDays.includes(x)); })}>
                  {label}
                </button>
              );
            })}
          </div>
          {err('schedule.schoolDays') && <p className="field-error">{sentence(err('schedule.schoolDays')!)}</p>}
        </div>
      </Group>

      <Group title="Holidays">
        <p className="admin-muted settings-note">Days with no school. Check-in is closed on these days. Leave "Last day" empty for a single day.</p>
        {draft.schedule.holidays.map((h, i) => (
          <HolidayRow key={i} index={i} holiday={h} field={field} onChange={(f) => edit((d) => f(d.schedule.holidays[i]!))} onRemove={() => edit((d) => { d.schedule.holidays.splice(i, 1); })} />
        ))}
        <button type="button" className="admin-secondary" data-testid="add-holiday" onClick={() => edit((d) => { d.schedule.holidays.push({ from: '', to: '', name: '' }); })}>
          Add a holiday
        </button>
      </Group>

      <Group title="Texts about absence">
        <p className="admin-muted settings-note">Once a school day the kiosk texts the guardians of students not seen at all that day, and, for schools that scan out, of students who checked in and never checked out. Guardians choose these texts on their page under People. Leave the time empty for one minute after the first check-in window closes (absence) or the last check-out window closes (no check-out).</p>
        {(['absenceReport', 'noCheckoutNotice'] as const).map((key) => (
          <NoticeRow
            key={key}
            name={key}
            label={key === 'absenceReport' ? 'Absence texts' : 'Did not check out texts'}
            holdHint={key === 'absenceReport' ? 'If more of the students than this are absent, no texts go out: the kiosk was probably off.' : 'If more of those who came than this did not check out, no texts go out: check-out was probably not used.'}
            notice={draft.schedule[key]}
            field={field}
            choice={(k, label, on, set) => {
              shownKeys.add(k);
              return <Choice key={k} label={label} testId={`setting-${k}`} value={on ? 'on' : 'off'} options={ON_OFF} onChange={(v) => set(v === 'on')} error={err(k)} />;
            }}
            onChange={(f) => edit((d) => f(d.schedule[key]))}
          />
        ))}
      </Group>

      {role === 'it' ? (
        <Group title="Face recognition (IT)">
          <div className="settings-row">
            {field('recognition.acceptThreshold', 'Accept at similarity', draft.recognition.acceptThreshold, (v) => edit((d) => { d.recognition.acceptThreshold = v; }), { kind: 'decimal', hint: 'Higher: fewer mix-ups, more "use your card".' })}
            {field('recognition.unknownThreshold', 'Unknown below', draft.recognition.unknownThreshold, (v) => edit((d) => { d.recognition.unknownThreshold = v; }), { kind: 'decimal', hint: 'Between the two, the kiosk asks for a card or PIN.' })}
          </div>
          <div className="settings-row">
            {field('recognition.margin', 'Margin over the next closest', draft.recognition.margin, (v) => edit((d) => { d.recognition.margin = v; }), { kind: 'decimal' })}
            {field('recognition.agreeFrames', 'Frames that must agree', draft.recognition.agreeFrames, (v) => edit((d) => { d.recognition.agreeFrames = v; }), { kind: 'number' })}
          </div>
        </Group>
      ) : (
        <p className="admin-muted settings-note">Face recognition, SMS provider and backups are set with the IT PIN.</p>
      )}
    </>
  );

  // Window errors sit under their session card; anything else without a field is listed at the end.
  const unplaced = errors.filter((e) => !shownKeys.has(e.key) && !/^schedule\.sessions\.\d+\.(start|checkIn|checkOut)$/.test(e.key));

  return (
    <div className="settings" data-testid="settings-section">
      <div className="settings-actions">
        <button type="button" className="admin-primary" data-testid="settings-save" disabled={!dirty || busy} onClick={save}>
          {busy ? 'Saving…' : 'Save changes'}
        </button>
        <button type="button" className="admin-secondary" disabled={!dirty || busy} onClick={() => { setDraft(structuredClone(saved!)); setErrors([]); setNotice(null); }}>
          Undo changes
        </button>
        {notice ? (
          <p className={notice.ok ? 'admin-ok' : 'admin-warning'} role="status" data-testid="settings-notice">{notice.text}</p>
        ) : (
          dirty && <p className="admin-muted">Changes not saved yet.</p>
        )}
      </div>
      {restart.pending.length > 0 && (
        <p className="admin-warning settings-restart" role="status" data-testid="settings-pending-restart">
          Saved, waiting for a restart: {[...new Set(restart.pending.map(keyName))].join(', ')}. The kiosk uses the new value after it restarts.
        </p>
      )}
      {ignored.length > 0 && (
        <div className="admin-warning settings-ignored" role="status" data-testid="settings-ignored">
          <p>Saved settings from an earlier version that this version cannot use; the kiosk runs without them. Set them again if they are still needed:</p>
          <ul>{ignored.map((e) => <li key={e.key}>{ignoredName(e.key)}: {e.message}</li>)}</ul>
        </div>
      )}
      {body}
      {unplaced.length > 0 && (
        <ul className="admin-warning settings-unplaced" data-testid="settings-other-errors">
          {unplaced.map((e) => <li key={e.key}>{keyName(e.key)}: {e.message}</li>)}
        </ul>
      )}
    </div>
  );
}

type FieldOptions = { kind?: 'text' | 'number' | 'decimal' | 'time' | 'date'; hint?: ReactNode; testId?: string; maxLength?: number; placeholder?: string };
type FieldFn = (key: string, label: string, value: string, set: (v: string) => void, opts?: FieldOptions) => ReactNode;

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="settings-group">
      <h2>{title}</h2>
      {children}
    </section>
  );
}

function Choice({ label, value, options, onChange, error, hint, testId }: { label: string; value: string; options: { id: string; label: string }[]; onChange(v: string): void; error: string | null; hint?: string; testId: string }) {
  return (
    <div className="field">
      <span className="settings-label">{label}</span>
      <div className="admin-choice" role="radiogroup" aria-label={label} data-testid={testId}>
        {options.map((o) => (
          <button key={o.id} type="button" role="radio" aria-checked={value === o.id} className={value === o.id ? 'active' : ''} onClick={() => onChange(o.id)}>
            {o.label}
          </button>
        ))}
      </div>
      {hint && !error && <p className="field-hint">{hint}</p>}
      {error && <p className="field-error">{sentence(error)}</p>}
    </div>
  );
}

function SessionCard({ index, session, field, err, onChange, onRemove }: { index: number; session: SessionDraft; field: FieldFn; err(key: string): string | null; onChange(f: (s: SessionDraft) => void): void; onRemove?: () => void }) {
  const k = (rest: string) => `schedule.sessions.${index}.${rest}`;
  const time = (key: string, label: string, value: string, set: (s: SessionDraft, v: string) => void) =>
    field(k(key), label, value, (v) => onChange((s) => set(s, v)), { kind: 'time', maxLength: 5 });
  return (
    <div className="settings-card" data-testid={`session-${index}`}>
      <h3>Session {index + 1}{session.name ? `: ${session.name}` : ''}</h3>
      <div className="settings-row">
        {field(k('name'), 'Name', session.name, (v) => onChange((s) => { s.name = v.toLowerCase(); }), { hint: 'Lower case, e.g. morning', maxLength: 32 })}
        {field(k('lateAfterMinutes'), 'Late after (minutes)', session.lateAfterMinutes, (v) => onChange((s) => { s.lateAfterMinutes = v; }), { kind: 'number', hint: 'Minutes after the start before an arrival counts as late.' })}
      </div>
      <div className="settings-row">
        {time('start', 'Starts', session.start, (s, v) => { s.start = v; })}
        {time('end', 'Ends', session.end, (s, v) => { s.end = v; })}
      </div>
      <div className="settings-row">
        {time('checkIn.0', 'Check-in opens', session.checkIn[0], (s, v) => { s.checkIn[0] = v; })}
        {time('checkIn.1', 'Check-in closes', session.checkIn[1], (s, v) => { s.checkIn[1] = v; })}
        {time('checkOut.0', 'Check-out opens', session.checkOut[0], (s, v) => { s.checkOut[0] = v; })}
        {time('checkOut.1', 'Check-out closes', session.checkOut[1], (s, v) => { s.checkOut[1] = v; })}
      </div>
      {[k('start'), k('checkIn'), k('checkOut')].map((key) => {
        const message = err(key);
        return message ? <p key={key} className="field-error">{sentence(message)}</p> : null;
      })}
      {onRemove && (
        <button type="button" className="admin-secondary settings-remove" onClick={onRemove}>
          Remove this session
        </button>
      )}
    </div>
  );
}

const ON_OFF = [
  { id: 'on', label: 'On' },
  { id: 'off', label: 'Off' },
];

function NoticeRow({ name, label, holdHint, notice, field, choice, onChange }: { name: 'absenceReport' | 'noCheckoutNotice'; label: string; holdHint: string; notice: NoticeDraft; field: FieldFn; choice(key: string, label: string, on: boolean, set: (on: boolean) => void): ReactNode; onChange(f: (n: NoticeDraft) => void): void }) {
  const k = `schedule.${name}`;
  return (
    <div className="settings-row" data-testid={`notice-${name}`}>
      {choice(`${k}.enabled`, label, notice.enabled, (on) => onChange((n) => { n.enabled = on; }))}
      {field(`${k}.at`, 'Send at', notice.at, (v) => onChange((n) => { n.at = v; }), { kind: 'time', maxLength: 5, placeholder: 'automatic', hint: 'School time, HH:MM; empty: automatic.' })}
      {field(`${k}.holdAbovePercent`, 'Hold above (%)', notice.holdAbovePercent, (v) => onChange((n) => { n.holdAbovePercent = v; }), { kind: 'number', hint: holdHint })}
    </div>
  );
}

function HolidayRow({ index, holiday, field, onChange, onRemove }: { index: number; holiday: HolidayDraft; field: FieldFn; onChange(f: (h: HolidayDraft) => void): void; onRemove(): void }) {
  const k = `schedule.holidays.${index}`;
  return (
    <div className="settings-row settings-holiday" data-testid={`holiday-${index}`}>
      {field(`${k}.from`, 'First day', holiday.from, (v) => onChange((h) => { h.from = v; }), { kind: 'date', placeholder: 'YYYY-MM-DD', maxLength: 10 })}
      {field(`${k}.to`, 'Last day', holiday.to, (v) => onChange((h) => { h.to = v; }), { kind: 'date', placeholder: 'same day', maxLength: 10 })}
      {field(`${k}.name`, 'Name (optional)', holiday.name, (v) => onChange((h) => { h.name = v; }), { maxLength: 80 })}
      <button type="button" className="admin-secondary settings-remove" onClick={onRemove} aria-label={`Remove holiday ${index + 1}`}>
        Remove
      </button>
    </div>
  );
}
