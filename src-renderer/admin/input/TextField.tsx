/*
 * TextField: the one input every admin field uses. Touch keyboards do not appear reliably in an
 * Electron kiosk, so a tapped field shows Rollcall's own keyboard, docked at the bottom of the admin
 * screen; a desk keyboard types into the same field as usual.
 *
 *   <TextField label="School name" value={name} onChange={setName} error={errors['school.name']} />
 *   <TextField label="Late after (minutes)" kind="number" value={late} onChange={setLate} />
 *   <TextField label="PIN" kind="pin" value={pin} onChange={setPin} onEnter={submit} autoFocus />
 *   <TextField label="Template" rows={3} value={text} onChange={setText} />
 *
 * kind picks the keyboard: 'text' (letters), 'number' / 'pin' (number pad), 'decimal' (pad with "."),
 * 'time' (pad with ":"), 'date' (pad with "-"), 'phone' (pad with "+"). `rows` makes a text field a
 * multi-line box (a long text such as an SMS template). The value is always a string; parse it yourself.
 * `error` shows under the field (use the server's message for that setting). The screen must be
 * wrapped in <InputProvider> and render <OnScreenKeyboard /> once (AdminScreen does both).
 */
import { useEffect, useId, useRef, type ChangeEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useInput, type FieldKind } from './InputContext';

export interface TextFieldProps {
  label: string;
  value: string;
  onChange(value: string): void;
  kind?: FieldKind;
  error?: string | null;
  hint?: ReactNode;
  placeholder?: string;
  maxLength?: number;
  onEnter?(): void;
  autoFocus?: boolean;
  disabled?: boolean;
  testId?: string;
  /** Lines shown: renders a multi-line box instead of a one-line field. */
  rows?: number;
}

export function TextField(props: TextFieldProps) {
  const { label, value, onChange, kind = 'text', error, hint, placeholder, maxLength, onEnter, autoFocus, disabled, testId, rows } = props;
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const { activate, release, active } = useInput();
  const latest = useRef(props);
  latest.current = props;

  const register = () => {
    if (!ref.current) return;
    activate({
      id,
      kind,
      input: ref.current,
      maxLength,
      onChange: (v) => latest.current.onChange(v),
      onEnter: latest.current.onEnter ? () => latest.current.onEnter?.() : undefined,
    });
    // The docked keyboard takes the bottom of the screen: keep the field being typed into in sight.
    requestAnimationFrame(() => ref.current?.scrollIntoView({ block: 'nearest' }));
  };

  // Again after being disabled (a lock ending, a request finishing): a disabled input loses focus.
  useEffect(() => {
    if (autoFocus && !disabled) ref.current?.focus();
  }, [autoFocus, disabled]);
  useEffect(() => () => release(id), [id, release]);

  const shared = {
    id,
    ref,
    'data-testid': testId,
    // The system keyboard stays down; ours comes up instead.
    inputMode: 'none' as const,
    autoComplete: 'off',
    spellCheck: false,
    value,
    placeholder,
    maxLength,
    disabled,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value),
    onFocus: register,
    onBlur: () => release(id),
    onKeyDown: (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
      if (e.key === 'Enter' && onEnter) {
        e.preventDefault();
        onEnter();
      }
    },
  };

  return (
    <div className={`field${error ? ' field-invalid' : ''}${active?.id === id ? ' field-active' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {rows ? <textarea rows={rows} {...shared} /> : <input type={kind === 'pin' ? 'password' : 'text'} {...shared} />}
      {hint && !error && <p className="field-hint">{hint}</p>}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {sentence(error)}
        </p>
      )}
    </div>
  );
}

/** The core's messages name a rule ("cannot be negative"); under a field they read as a sentence. */
export function sentence(message: string): string {
  return message.charAt(0).toUpperCase() + message.slice(1);
}
