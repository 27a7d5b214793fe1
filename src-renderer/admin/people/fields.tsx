// The People and Enrolment forms' inputs: text goes through the admin's own TextField (with the
// on-screen keyboard); switches and choices are big touch targets.
import type { MouseEvent, ReactNode } from 'react';

export { TextField } from '../input/TextField';
/**
 * Pressing a button, switch or choice must not first blur the text field: the docked keyboard would
 * close, the page shift under the finger and the press land elsewhere (the tap is lost). Put on a
 * screen's root; text fields themselves still take focus normally.
 */
export function keepFieldFocus(e: MouseEvent): void {
  const target = e.target as HTMLElement;
  if (target.closest('button, label, input[type="checkbox"], summary, tr')) e.preventDefault();
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
