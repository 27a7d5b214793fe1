// The admin screen's door: one PIN field (office or IT PIN; the core tells which) with the number pad
// always showing, how many tries are left, and a clear wait time when locked.
import { useEffect, useState } from 'react';
import type { KioskApi, Role } from '../../../src-preload/contract';
import { TextField } from '../input/TextField';
import { useClock } from './use-clock';

export interface Lock {
  /** School-local HH:MM. */
  untilLocal: string;
  /** When it ends on this page's clock (which may differ from the kiosk core's). */
  endsAt: number;
}

export function lockFrom(r: { lockedUntilLocal: string | null; retryAfterSeconds: number }): Lock | null {
  return r.lockedUntilLocal ? { untilLocal: r.lockedUntilLocal, endsAt: Date.now() + r.retryAfterSeconds * 1000 } : null;
}

export function SignIn({ api, lock: initialLock, onSignedIn }: { api: KioskApi; lock: Lock | null; onSignedIn(role: Role, idleMinutes: number): void }) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [lock, setLock] = useState<Lock | null>(initialLock);
  useClock(1000);
  const lockLeft = lock ? Math.ceil((lock.endsAt - Date.now()) / 1000) : 0;
  const locked = lockLeft > 0;

  useEffect(() => {
    if (lock && !locked) {
      setLock(null);
      setMessage(null);
    }
  }, [lock, locked]);

  const submit = async () => {
    if (busy || locked || pin.length === 0) return;
    setBusy(true);
    try {
      const r = await api.invoke('admin:login', { pin });
      setPin('');
      if (r.ok) return onSignedIn(r.role, r.idleMinutes);
      if (r.reason === 'wrong_pin') {
        setMessage(`That PIN is not right. ${r.attemptsLeft} ${r.attemptsLeft === 1 ? 'try' : 'tries'} left before the screen locks.`);
      } else if (r.reason === 'locked') {
        setLock(lockFrom(r));
        setMessage(null);
      }
    } catch (e) {
      setMessage((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="admin-door" data-testid="admin-sign-in">
      <h1>Admin sign-in</h1>
      <p className="admin-lead">Enter the office PIN or the IT PIN.</p>
      {locked ? (
        <p className="admin-locked" role="alert" data-testid="admin-locked">
          Too many wrong PINs. Try again at {lock!.untilLocal} (in {formatWait(lockLeft)}).
        </p>
      ) : (
        message && <p className="admin-warning" role="alert" data-testid="admin-sign-in-message">{message}</p>
      )}
      <TextField label="PIN" kind="pin" value={pin} onChange={(v) => setPin(v.replace(/\D/g, ''))} onEnter={submit} maxLength={12} autoFocus disabled={locked} testId="admin-pin" />
    </section>
  );
}

function formatWait(seconds: number): string {
  if (seconds <= 90) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}
