// A large on-screen pad inside the PIN form: digits, and for a student number with letters
// (S1001) a letters page behind an ABC key. Digits stay exactly where they are, so the common
// all-digit number is as fast as ever. Keys never take focus away from the field being typed into,
// so a desk keyboard and the pad can be used together.
import type { MouseEvent } from 'react';
import { say } from '../../app/strings';
import { Icon } from './Icon';

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;
// The roster allows letters, digits, '-' and '_' in a student number (src-main/core/people/roster.ts).
const LETTERS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '-', '_'];

const keepFocus = (e: MouseEvent) => e.preventDefault();

export interface KeypadProps {
  okLabel: string;
  okReady: boolean;
  busy: boolean;
  /** Letters page shown (only ever while the student number is typed). */
  letters: boolean;
  onDigit(digit: string): void;
  onDelete(): void;
  /** False while the PIN is typed (digits only): the ABC key stays in place, greyed. */
  lettersAvailable: boolean;
  onToggleLetters(): void;
}

export function Keypad({ okLabel, okReady, busy, letters, lettersAvailable, onDigit, onDelete, onToggleLetters }: KeypadProps) {
  const key = (d: string) => (
    <button key={d} type="button" className="key" data-testid={`key-${d}`} onMouseDown={keepFocus} onClick={() => onDigit(d)} disabled={busy}>
      {d}
    </button>
  );
  const back = (
    <button type="button" className="key key-back" data-testid="key-back" aria-label={say('pad.delete')} onMouseDown={keepFocus} onClick={onDelete} disabled={busy}>
      <Icon name="backspace" />
    </button>
  );
  const toggle = (
    <button
      type="button"
      className="key key-toggle"
      data-testid="key-letters"
      aria-pressed={letters}
      aria-label={say(letters ? 'pad.digitsLabel' : 'pad.lettersLabel')}
      onMouseDown={keepFocus}
      onClick={onToggleLetters}
      disabled={busy || !lettersAvailable}
    >
      {say(letters ? 'pad.digits' : 'pad.letters')}
    </button>
  );
  // The form's submit button, so Enter on a desk keyboard presses it too.
  const ok = (
    <button type="submit" className="key key-ok" data-testid="key-ok" data-ready={okReady} onMouseDown={keepFocus} disabled={busy}>
      {busy ? say('pad.checking') : okLabel}
    </button>
  );
  if (letters) {
    return (
      <div className="keypad keypad-letters" role="group" aria-label={say('pad.keypadLetters')}>
        {LETTERS.map(key)}
        {toggle}
        {back}
        {ok}
      </div>
    );
  }
  return (
    <div className="keypad keypad-with-letters" role="group" aria-label={say('pad.keypad')}>
      {DIGITS.map(key)}
      {back}
      {key('0')}
      {ok}
      {toggle}
    </div>
  );
}
