// The admin forms' inputs in one place, so every field gets the same label, error and touch size
// (and the on-screen keyboard, which attaches here).
import { useId, type ReactNode } from 'react';

export function TextField(props: {
  label: string;
  value: string;
  onChange(value: string): void;
  error?: string;
  hint?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'search';
  type?: 'text' | 'password' | 'search';
  placeholder?: string;
  testId?: string;
  autoFocus?: boolean;
}) {
  const id = useId();
  return (
    <div className={`field${props.error ? ' has-error' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      <input
        id={id}
        type={props.type ?? 'text'}
        inputMode={props.inputMode ?? 'text'}
        value={props.value}
        placeholder={props.placeholder}
        data-testid={props.testId}
        autoFocus={props.autoFocus}
        autoComplete="off"
        aria-invalid={props.error ? true : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.hint && !props.error && <p className="field-hint">{props.hint}</p>}
      {props.error && <p className="field-error" role="alert">{props.error}</p>}
    </div>
  );
}

export function Toggle(props: { label: ReactNode; checked: boolean; onChange(v: boolean): void; testId?: string }) {
  return (
    <label className="toggle">
      <input type="checkbox" checked={props.checked} data-testid={props.testId} onChange={(e) => props.onChange(e.target.checked)} />
      <span>{props.label}</span>
    </label>
  );
}

export function Choice<T extends string>(props: {
  label: string;
  value: T;
  options: ReadonlyArray<{ value: T; label: string }>;
  onChange(v: T): void;
  testId?: string;
}) {
  return (
    <fieldset className="choice" data-testid={props.testId}>
      <legend>{props.label}</legend>
      {props.options.map((o) => (
        <button key={o.value} type="button" className={o.value === props.value ? 'chosen' : ''} aria-pressed={o.value === props.value} onClick={() => props.onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </fieldset>
  );
}

export const MESSAGE_LABELS: Record<string, string> = {
  check_in: 'Arrival',
  check_out: 'Leaving',
  late_arrival: 'Late arrival',
  absence: 'Absence',
  no_checkout: 'Did not check out',
};
