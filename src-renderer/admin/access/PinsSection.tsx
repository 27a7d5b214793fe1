// Changing PINs. Office changes the office PIN and must type the current one; IT may also set the
// office PIN without it, which is how a forgotten office PIN is reset.
import { useState } from 'react';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN, type Role } from '../../../src-preload/contract';
import { TextField } from '../input/TextField';
import type { AdminSectionProps } from '../section';

const REASONS = {
  wrong_current_pin: 'The current PIN is not right.',
  same_as_other_role: 'Choose a PIN different from the other role’s PIN.',
  not_allowed: 'Only IT may change that PIN.',
} as const;

export function PinsSection({ api, role }: AdminSectionProps) {
  const [target, setTarget] = useState<Role>(role);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const needsCurrent = target === role;
  const digits = (set: (v: string) => void) => (v: string) => set(v.replace(/\D/g, ''));

  const save = async () => {
    if (next.length < ADMIN_PIN_MIN) return setResult({ ok: false, text: `The new PIN needs at least ${ADMIN_PIN_MIN} digits.` });
    if (next !== repeat) return setResult({ ok: false, text: 'The new PIN and its repeat do not match.' });
    try {
      const r = await api.invoke('admin:change-pin', { role: target, newPin: next, ...(needsCurrent ? { currentPin: current } : {}) });
      setResult(r.ok ? { ok: true, text: `The ${target === 'it' ? 'IT' : 'office'} PIN is changed.` } : { ok: false, text: REASONS[r.reason] });
      if (r.ok) [setCurrent, setNext, setRepeat].forEach((f) => f(''));
    } catch (e) {
      setResult({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <div className="admin-form" data-testid="pins-section">
      <p className="admin-lead">
        {target === 'it' ? 'Change the IT PIN.' : 'Change the office PIN.'} Anyone still signed in with the old PIN is signed out.
        {target === 'office' && role === 'it' && ' As IT you do not need the current office PIN, so a forgotten one can be reset here.'}
      </p>
      {role === 'it' && (
        <div className="admin-choice" role="radiogroup" aria-label="Which PIN">
          {(['office', 'it'] as const).map((r) => (
            <button key={r} type="button" role="radio" aria-checked={target === r} className={target === r ? 'active' : ''} onClick={() => setTarget(r)}>
              {r === 'it' ? 'IT PIN' : 'Office PIN'}
            </button>
          ))}
        </div>
      )}
      {needsCurrent && <TextField label="Current PIN" kind="pin" value={current} onChange={digits(setCurrent)} maxLength={ADMIN_PIN_MAX} />}
      <TextField label={`New PIN (${ADMIN_PIN_MIN} to ${ADMIN_PIN_MAX} digits)`} kind="pin" value={next} onChange={digits(setNext)} maxLength={ADMIN_PIN_MAX} />
      <TextField label="New PIN again" kind="pin" value={repeat} onChange={digits(setRepeat)} maxLength={ADMIN_PIN_MAX} onEnter={save} />
      {result && <p className={result.ok ? 'admin-ok' : 'admin-warning'} role="status">{result.text}</p>}
      <button type="button" className="admin-primary" onClick={save}>
        Change PIN
      </button>
    </div>
  );
}
