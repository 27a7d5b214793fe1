// One student's record: names, class, PIN, and each guardian with their own texts and a
// "do not contact" switch. Nothing is saved until the whole record is valid; errors sit by their field.
// A guardian shared with siblings says so: editing them here changes them for every child.
import { useEffect, useState } from 'react';
import { MESSAGE_TYPES, type FieldError, type GuardianInput, type KioskApi, type StudentDetail } from '../../../src-preload/contract';
import { MESSAGE_LABELS, TextField, Toggle } from './fields';
import { displayPhone } from './phone-display';

interface Draft {
  studentNumber: string;
  firstName: string;
  lastName: string;
  className: string;
  pin: string;
  guardians: GuardianInput[];
}

const newGuardian = (): GuardianInput => ({ name: '', phone: '', doNotContact: false, notify: [...MESSAGE_TYPES] });
const blank: Draft = { studentNumber: '', firstName: '', lastName: '', className: '', pin: '', guardians: [newGuardian()] };

export function StudentEditor({ api, studentId, onDone }: { api: KioskApi; studentId: number | null; onDone(): void }) {
  const [draft, setDraft] = useState<Draft | null>(studentId === null ? blank : null);
  const [detail, setDetail] = useState<StudentDetail | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (studentId === null) return;
    // The school's country decides which numbers read in national format; if settings cannot be
    // read the numbers still show, in international format.
    const country = api.invoke('settings:get', {}).then((s) => {
      const c = (s.values.school as { country?: unknown } | undefined)?.country;
      return typeof c === 'string' ? c : null;
    }, () => null);
    void Promise.all([api.invoke('people:get', { studentId }), country]).then(([d, schoolCountry]) => {
      setDetail(d);
      setDraft({
        studentNumber: d.studentNumber,
        firstName: d.firstName,
        lastName: d.lastName,
        className: d.className,
        pin: '',
        guardians: d.guardianList.map((g) => ({ guardianId: g.id, name: g.name, phone: displayPhone(g.phoneE164, schoolCountry), doNotContact: g.doNotContact, notify: g.notify })),
      });
    });
  }, [api, studentId]);

  if (!draft) return <p className="admin-muted">Loading…</p>;
  const err = (field: string) => errors.find((e) => e.field === field)?.message;
  // An error goes as soon as its field is touched, so what is still marked is what is still wrong.
  const set = (patch: Partial<Draft>) => {
    setDraft({ ...draft, ...patch });
    setErrors((es) => es.filter((e) => !(e.field in patch)));
  };
  const setGuardian = (i: number, patch: Partial<GuardianInput>) => {
    setDraft({ ...draft, guardians: draft.guardians.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
    setErrors((es) => es.filter((e) => !Object.keys(patch).some((k) => e.field === `guardians.${i}.${k}`) && e.field !== 'guardians'));
  };

  const save = async () => {
    setSaving(true);
    setFailure(null);
    try {
      const r = await api.invoke('people:save', { ...draft, ...(studentId === null ? {} : { id: studentId }) });
      if (r.ok) onDone();
      else setErrors(r.errors);
    } catch (e) {
      setFailure(String(e));
    } finally {
      setSaving(false);
    }
  };

  const archive = async (archived: boolean) => {
    await api.invoke('people:archive', { studentId: studentId!, archived });
    onDone();
  };

  return (
    <div data-testid="student-editor">
      <div className="btn-row">
        <button type="button" className="btn" onClick={onDone}>← All students</button>
      </div>
      <h2>{studentId === null ? 'New student' : `${detail?.firstName ?? ''} ${detail?.lastName ?? ''}`}</h2>
      {detail?.archived && <p className="banner warn">This student is archived: they cannot check in and get no texts.</p>}
      {errors.length > 0 && <p className="banner error" role="alert">Not saved: please correct the {errors.length === 1 ? 'field' : `${errors.length} fields`} marked below.</p>}
      {failure && <p className="banner error">Not saved: {failure}</p>}
      <section className="card-box">
        <div className="form-grid">
          <TextField label="First name" value={draft.firstName} onChange={(v) => set({ firstName: v })} error={err('firstName')} testId="student-first-name" />
          <TextField label="Last name" value={draft.lastName} onChange={(v) => set({ lastName: v })} error={err('lastName')} testId="student-last-name" />
          <TextField label="Student number" value={draft.studentNumber} onChange={(v) => set({ studentNumber: v })} error={err('studentNumber')} hint="Printed on the QR card" testId="student-number" />
          <TextField label="Class" value={draft.className} onChange={(v) => set({ className: v })} testId="student-class" />
          <TextField
            label={detail?.hasPin ? 'New PIN (leave empty to keep the current one)' : 'PIN for the keypad (optional)'}
            value={draft.pin}
            onChange={(v) => set({ pin: v.replace(/\D/g, '').slice(0, 8) })}
            kind="pin"
            maxLength={8}
            error={err('pin')}
            hint="4 to 8 digits"
          />
        </div>
      </section>
      <section className="card-box">
        <h2>Guardians</h2>
        {err('guardians') && <p className="field-error">{err('guardians')}</p>}
        {draft.guardians.map((g, i) => (
          <div key={i} className={`guardian${g.doNotContact ? ' dnc' : ''}`} data-testid={`guardian-${i}`}>
            <div className="form-grid">
              <TextField label="Name" value={g.name} onChange={(v) => setGuardian(i, { name: v })} error={err(`guardians.${i}.name`)} testId={`guardian-${i}-name`} />
              <TextField label="Mobile number" value={g.phone} onChange={(v) => setGuardian(i, { phone: v })} error={err(`guardians.${i}.phone`)} testId={`guardian-${i}-phone`} />
            </div>
            {(() => {
              // One person by phone number: an edit here is an edit for their other children too.
              const others = detail?.guardianList.find((x) => x.id === g.guardianId)?.alsoGuardianOf ?? [];
              return others.length > 0 && (
                <p className="banner info shared-guardian" data-testid={`guardian-${i}-shared`}>
                  Also guardian of {others.join(', ')}: changes to this guardian’s name, number, texts and “do not contact” apply there too.
                </p>
              );
            })()}
            <Toggle label={<strong>Do not contact</strong>} checked={g.doNotContact} onChange={(v) => setGuardian(i, { doNotContact: v })} testId={`guardian-${i}-dnc`} />
            {g.doNotContact ? (
              <p className="field-hint">This guardian gets no texts at all.</p>
            ) : (
              <div className="texts-about">
                <span className="field-hint texts-about-label">Texts about:</span>
                {MESSAGE_TYPES.map((t) => (
                  <Toggle
                    key={t}
                    label={MESSAGE_LABELS[t]}
                    checked={g.notify.includes(t)}
                    onChange={(on) => setGuardian(i, { notify: on ? [...g.notify, t] : g.notify.filter((x) => x !== t) })}
                  />
                ))}
              </div>
            )}
            {draft.guardians.length > 1 && (
              <button type="button" className="btn danger" onClick={() => set({ guardians: draft.guardians.filter((_, j) => j !== i) })}>Remove this guardian</button>
            )}
          </div>
        ))}
        <button type="button" className="btn" onClick={() => set({ guardians: [...draft.guardians, newGuardian()] })}>Add another guardian</button>
      </section>
      <div className="btn-row sticky-actions">
        <button type="button" className="btn primary" disabled={saving} onClick={() => void save()} data-testid="student-save">{saving ? 'Saving…' : 'Save'}</button>
        <button type="button" className="btn" onClick={onDone}>Cancel</button>
        {studentId !== null && detail && (
          detail.archived
            ? <button type="button" className="btn" onClick={() => void archive(false)}>Restore student</button>
            : <button type="button" className="btn danger" onClick={() => void archive(true)}>Archive student (left the school)</button>
        )}
      </div>
    </div>
  );
}
