// A large on-screen number pad inside the PIN form. Keys never take focus away from the field being
// typed into, so a desk keyboard and the pad can be used together.
import type { MouseEvent } from 'react';
import { say } from '../../app/strings';
import { Icon } from './Icon';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

const keepFocus = (e: MouseEvent) => e.preventDefault();

export interface KeypadProps {
  okLabel: string;
  okReady: boolean;
  busy: boolean;
  onDigit(digit: string): void;
  onDelete(): void;
}

export function Keypad({ okLabel, okReady, busy, onDigit, onDelete }: KeypadProps) {
  const digit = (d: string) => (
    <button key={d} type="button" className="key" data-testid={`key-${d}`} onMouseDown={keepFocus} onClick={() => onDigit(d)} disabled={busy}>
      {d}
    </button>
  );
  return (
    <div className="keypad" role="group" aria-label={say('pad.keypad')}>
      {DIGITS.map(digit)}
      <button
        type="button"
        className="key key-back"
        data-testid="key-back"
        aria-label={say('pad.delete')}
        onMouseDown={keepFocus}
        onClick={onDelete}
        disabled={busy}
      >
        <Icon name="backspace" />
      </button>
      {digit('0')}
      {/* The form's submit button, so Enter on a desk keyboard presses it too. */}
      <button type="submit" className="key key-ok" data-testid="key-ok" data-ready={okReady} onMouseDown={keepFocus} disabled={busy}>
        {busy ? say('pad.checking') : okLabel}
      </button>
    </div>
  );
}
