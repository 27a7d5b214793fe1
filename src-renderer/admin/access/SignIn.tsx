// The admin screen's door: one PIN field (office or IT PIN; the core tells which) with the number pad
// always showing, how many tries are left, and a clear wait time when locked (the IT PIN still opens
// a locked sign-in, at a slower pace, so a student cannot lock IT out too).
import { useEffect, useState } from 'react';
import type { KioskApi, Role } from '../../../src-preload/contract';
import { TextField } from '../input/TextField';
import { useClock } from './use-clock';

export interface Lock {
  /** School-local HH:MM. */
  untilLocal: string;
  /** When it ends on this page's clock (which may differ from the kiosk core's). */
  endsAt: number;
  /** When the IT PIN may be tried on this page's clock: it still opens a locked sign-in. */
  itPinAt: number;
}

export function lockFrom(r: { lockedUntilLocal: string | null; retryAfterSeconds: number; itPinInSeconds?: number }): Lock | null {
  const now = Date.now();
  return r.lockedUntilLocal ? { untilLocal: r.lockedUntilLocal, endsAt: now + r.retryAfterSeconds * 1000, itPinAt: now + (r.itPinInSeconds ?? 0) * 1000 } : null;
}

export function SignIn({ api, lock: initialLock, onSignedIn }: { api: KioskApi; lock: Lock | null; onSignedIn(role: Role, idleMinutes: number): void }) {
  const [pin, setPin] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [lock, setLock] = useState<Lock | null>(initialLock);
  useClock(1000);
  const lockLeft = lock ? Math.ceil((lock.endsAt - Date.now()) / 1000) : 0;
  const locked = lockLeft > 0;
  const itPinLeft = lock ? Math.ceil((lock.itPinAt - Date.now()) / 1000) : 0;
  const closed = locked && itPinLeft > 0;

  useEffect(() => {
    if (lock && !locked) {
      setLock(null);
      setMessage(null);
    }
  }, [lock, locked]);

  const submit = async () => {
    if (busy || closed || pin.length === 0) return;
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
          Too many wrong PINs. Try again at {lock!.untilLocal} (in {formatWait(lockLeft)}).{' '}
          {closed ? `The IT PIN can be tried in ${formatWait(itPinLeft)}.` : 'The IT PIN still works now.'}
        </p>
      ) : (
        message && <p className="admin-warning" role="alert" data-testid="admin-sign-in-message">{message}</p>
      )}
      <TextField label="PIN" kind="pin" value={pin} onChange={(v) => setPin(v.replace(/\D/g, ''))} onEnter={submit} maxLength={12} autoFocus disabled={closed} testId="admin-pin" />
    </section>
  );
}

function formatWait(seconds: number): string {
  if (seconds <= 90) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  return `${m} minute${m === 1 ? '' : 's'}`;
}
