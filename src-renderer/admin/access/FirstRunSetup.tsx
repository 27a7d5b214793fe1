// First run: no admin PINs exist yet. Four short steps on the number pad: choose the IT PIN, repeat
// it, choose the office PIN, repeat it. Both are saved together, so a half-finished setup leaves none.
import { useState } from 'react';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN, type KioskApi, type Role } from '../../../src-preload/contract';
import { TextField } from '../input/TextField';

const STEPS = [
  { role: 'it', repeat: false, title: 'Choose the IT PIN', lead: 'For whoever looks after this kiosk. The IT PIN can change every setting.' },
  { role: 'it', repeat: true, title: 'Type the IT PIN again', lead: 'To make sure it was typed as intended.' },
  { role: 'office', repeat: false, title: 'Choose the office PIN', lead: 'For the front office: people, attendance and reports. It must differ from the IT PIN.' },
  { role: 'office', repeat: true, title: 'Type the office PIN again', lead: 'To make sure it was typed as intended.' },
] as const;

export function FirstRunSetup({ api, onSignedIn }: { api: KioskApi; onSignedIn(role: Role, idleMinutes: number): void }) {
  const [step, setStep] = useState(0);
  const [pins, setPins] = useState<string[]>(['', '', '', '']);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const current = STEPS[step]!;
  const value = pins[step]!;

  const restartAt = (at: number, why: string) => {
    setPins((p) => p.map((v, i) => (i >= at ? '' : v)));
    setStep(at);
    setMessage(why);
  };

  const next = async () => {
    if (busy) return;
    if (value.length < ADMIN_PIN_MIN) return setMessage(`The PIN needs at least ${ADMIN_PIN_MIN} digits.`);
    if (current.repeat && value !== pins[step - 1]) return restartAt(step - 1, 'The two PINs did not match. Please choose it again.');
    if (step === 2 && value === pins[0]) return restartAt(2, 'The office PIN must be different from the IT PIN.');
    setMessage(null);
    if (step < STEPS.length - 1) return setStep(step + 1);
    setBusy(true);
    try {
      const r = await api.invoke('admin:setup-pin', { itPin: pins[0]!, officePin: pins[2]! });
      if (r.ok) return onSignedIn(r.role, r.idleMinutes);
      restartAt(0, r.reason === 'same_pins' ? 'The office PIN must be different from the IT PIN.' : 'The PINs were already set on this kiosk. Sign in instead.');
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="admin-door" data-testid="admin-setup">
      <p className="admin-step">Setting up the admin screen · step {step + 1} of 4</p>
      <h1>{current.title}</h1>
      <p className="admin-lead">{current.lead}</p>
      {message && <p className="admin-warning" role="alert" data-testid="admin-setup-message">{message}</p>}
      <TextField
        key={step}
        label={`${current.role === 'it' ? 'IT' : 'Office'} PIN (${ADMIN_PIN_MIN} to ${ADMIN_PIN_MAX} digits)`}
        kind="pin"
        value={value}
        onChange={(v) => setPins((p) => p.map((x, i) => (i === step ? v.replace(/\D/g, '') : x)))}
        onEnter={next}
        maxLength={ADMIN_PIN_MAX}
        autoFocus
        disabled={busy}
        testId="admin-setup-pin"
      />
    </section>
  );
}
