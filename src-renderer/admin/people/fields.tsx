// The People and Enrolment forms' inputs: text goes through the admin's own TextField (with the
// on-screen keyboard); switches and choices are big touch targets.
import type { ReactNode } from 'react';

export { TextField } from '../input/TextField';
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
