// First run: no admin PINs exist yet. Five short steps on the number pad: the one-time setup code
// (so a student who finds the admin corner of a new kiosk cannot take it over), then choose the IT
// PIN, repeat it, choose the office PIN, repeat it. The code is checked as soon as it is typed, so
// nobody chooses four PINs for a wrong code; the PINs are then sent together with it, so a
// half-finished setup leaves none, and a code that stopped working goes back to the code alone and
// keeps the PINs typed.
import { useState } from 'react';
import { ADMIN_PIN_MAX, ADMIN_PIN_MIN, type KioskApi, type Role, type SetupResult } from '../../../src-preload/contract';
import { TextField } from '../input/TextField';

const PIN_STEPS = [
  { role: 'it', repeat: false, title: 'Choose the IT PIN', lead: 'For whoever looks after this kiosk. The IT PIN can change every setting.' },
  { role: 'it', repeat: true, title: 'Type the IT PIN again', lead: 'To make sure it was typed as intended.' },
  { role: 'office', repeat: false, title: 'Choose the office PIN', lead: 'For the front office: people, attendance and reports. It must differ from the IT PIN.' },
  { role: 'office', repeat: true, title: 'Type the office PIN again', lead: 'To make sure it was typed as intended.' },
] as const;
const TOTAL = PIN_STEPS.length + 1;

export function FirstRunSetup({ api, codeFile, onSignedIn }: { api: KioskApi; codeFile: string; onSignedIn(role: Role, idleMinutes: number): void }) {
  // Step 0 is the setup code; steps 1-4 are the PINs.
  const [step, setStep] = useState(0);
  const [values, setValues] = useState<string[]>(['', '', '', '', '']);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const value = values[step]!;
  const pinsDone = values.slice(1).every((v) => v.length >= ADMIN_PIN_MIN);

  const restartAt = (at: number, why: string) => {
    setValues((p) => p.map((v, i) => (i >= at ? '' : v)));
    setStep(at);
    setMessage(why);
  };

  const refused = (r: Exclude<SetupResult, { ok: true }>) => {
    switch (r.reason) {
      case 'wrong_setup_code':
        setValues((p) => p.map((v, i) => (i === 0 ? '' : v)));
        setStep(0);
        return setMessage(`That setup code is not right (${r.attemptsLeft} ${r.attemptsLeft === 1 ? 'try' : 'tries'} left before a lock).`);
      case 'locked':
        setValues((p) => p.map((v, i) => (i === 0 ? '' : v)));
        setStep(0);
        return setMessage(`Too many wrong codes. Try again after ${r.lockedUntilLocal}.`);
      case 'same_pins':
        return restartAt(3, 'The office PIN must be different from the IT PIN.');
      case 'already_set_up':
        return restartAt(0, 'The PINs were already set on this kiosk. Go back to the kiosk and sign in instead.');
    }
  };

  const submit = async () => {
    setBusy(true);
    try {
      const r = await api.invoke('admin:setup-pin', { setupCode: values[0]!, itPin: values[1]!, officePin: values[3]! });
      if (r.ok) return onSignedIn(r.role, r.idleMinutes);
      refused(r);
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  // The core checks the code (and the lock, counting a wrong code like a wrong PIN) before it looks
  // at the PINs, and refuses two equal PINs without creating any: so equal placeholder PINs ask
  // "is this code right?" and nothing more. src-main/core/access/access.test.ts holds the core to that order.
  const checkCode = async () => {
    setBusy(true);
    try {
      const probe = '0'.repeat(ADMIN_PIN_MIN);
      const r = await api.invoke('admin:setup-pin', { setupCode: values[0]!, itPin: probe, officePin: probe });
      if (r.ok) return onSignedIn(r.role, r.idleMinutes);
      if (r.reason === 'same_pins') {
        setMessage(null);
        return setStep(1);
      }
      refused(r);
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  const next = async () => {
    if (busy) return;
    if (step === 0) {
      if (!/^\d+$/.test(value)) return setMessage('Type the setup code: digits only.');
      setMessage(null);
      // After a code that stopped working the PINs are still there: send again at once.
      return pinsDone ? submit() : checkCode();
    }
    if (value.length < ADMIN_PIN_MIN) return setMessage(`The PIN needs at least ${ADMIN_PIN_MIN} digits.`);
    const pin = PIN_STEPS[step - 1]!;
    if (pin.repeat && value !== values[step - 1]) return restartAt(step - 1, 'The two PINs did not match. Please choose it again.');
    if (step === 3 && value === values[1]) return restartAt(3, 'The office PIN must be different from the IT PIN.');
    setMessage(null);
    if (step < TOTAL - 1) return setStep(step + 1);
    return submit();
  };

  const onChange = (v: string) => setValues((p) => p.map((x, i) => (i === step ? v.replace(/\D/g, '') : x)));

  return (
    <section className="admin-door" data-testid="admin-setup">
      <p className="admin-step">Setting up the admin screen · step {step + 1} of {TOTAL}</p>
      {step === 0 ? (
        <>
          <h1>Type the setup code</h1>
          <p className="admin-lead">
            This kiosk has no admin PINs yet. Ask IT for the one-time setup code: it is in{' '}
            <code className="admin-path" data-testid="admin-setup-code-file">{codeFile}</code> on this kiosk, and in its log.
          </p>
        </>
      ) : (
        <>
          <h1>{PIN_STEPS[step - 1]!.title}</h1>
          <p className="admin-lead">{PIN_STEPS[step - 1]!.lead}</p>
        </>
      )}
      {message && <p className="admin-warning" role="alert" data-testid="admin-setup-message">{message}</p>}
      <TextField
        key={step}
        label={step === 0 ? 'Setup code (8 digits)' : `${PIN_STEPS[step - 1]!.role === 'it' ? 'IT' : 'Office'} PIN (${ADMIN_PIN_MIN} to ${ADMIN_PIN_MAX} digits)`}
        kind={step === 0 ? 'number' : 'pin'}
        value={value}
        onChange={onChange}
        onEnter={next}
        maxLength={step === 0 ? 16 : ADMIN_PIN_MAX}
        autoFocus
        disabled={busy}
        testId={step === 0 ? 'admin-setup-code' : 'admin-setup-pin'}
      />
    </section>
  );
}
