// The big number pad: used docked under a number/PIN field and on its own on the sign-in screen.
// Keys never take focus, so the field keeps its caret and a desk keyboard works alongside.
import type { MouseEvent } from 'react';

export const keepFocus = (e: MouseEvent) => e.preventDefault();

export interface KeypadProps {
  onKey(text: string): void;
  onBackspace(): void;
  onEnter?(): void;
  enterLabel?: string;
  /** Extra key left of 0: ':' for times, '-' for dates, '.' for decimals, '+' for phone numbers. */
  extra?: string;
  disabled?: boolean;
}

const ROWS = [['1', '2', '3'], ['4', '5', '6'], ['7', '8', '9']];

export function Keypad({ onKey, onBackspace, onEnter, enterLabel = 'OK', extra, disabled }: KeypadProps) {
  const key = (k: string) => (
    <button key={k} type="button" className="osk-key" data-key={k} onMouseDown={keepFocus} onClick={() => onKey(k)} disabled={disabled}>
      {k}
    </button>
  );
  return (
    <div className="osk-keypad" role="group" aria-label="Number keys">
      {ROWS.flat().map(key)}
      {extra ? key(extra) : <span />}
      {key('0')}
      <button type="button" className="osk-key osk-wide" data-key="backspace" aria-label="Delete" onMouseDown={keepFocus} onClick={onBackspace} disabled={disabled}>
        ⌫
      </button>
      {onEnter && (
        <button type="button" className="osk-key osk-enter" data-key="enter" onMouseDown={keepFocus} onClick={onEnter} disabled={disabled}>
          {enterLabel}
        </button>
      )}
    </div>
  );
}
