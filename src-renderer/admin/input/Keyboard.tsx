// A full on-screen keyboard for text fields: letters with shift, a digits-and-symbols page, space,
// delete and Done. Big keys for a touchscreen at arm's length.
import { useState } from 'react';
import { keepFocus } from './Keypad';

const LETTERS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
// Braces are here for SMS templates' placeholders ({first_name}).
const SYMBOLS = ['1234567890', '-/:;()&@"', ".,?!'+#_{}"];

export interface KeyboardProps {
  onKey(text: string): void;
  onBackspace(): void;
  onClear(): void;
  onEnter(): void;
}

export function Keyboard({ onKey, onBackspace, onClear, onEnter }: KeyboardProps) {
  const [shift, setShift] = useState(false);
  const [symbols, setSymbols] = useState(false);
  const rows = symbols ? SYMBOLS : LETTERS;
  const press = (k: string) => {
    onKey(k);
    if (shift) setShift(false);
  };
  return (
    <div className="osk-keyboard" role="group" aria-label="Keyboard">
      {rows.map((row, i) => (
        <div key={row} className="osk-row">
          {i === 2 && !symbols && (
            <button type="button" className={`osk-key osk-wide${shift ? ' osk-on' : ''}`} data-key="shift" aria-pressed={shift} onMouseDown={keepFocus} onClick={() => setShift(!shift)}>
              ⇧
            </button>
          )}
          {[...row].map((c) => {
            const k = shift ? c.toUpperCase() : c;
            return (
              <button key={c} type="button" className="osk-key" data-key={k} onMouseDown={keepFocus} onClick={() => press(k)}>
                {k}
              </button>
            );
          })}
          {i === 2 && (
            <button type="button" className="osk-key osk-wide" data-key="backspace" aria-label="Delete" onMouseDown={keepFocus} onClick={onBackspace}>
              ⌫
            </button>
          )}
        </div>
      ))}
      <div className="osk-row">
        <button type="button" className="osk-key osk-wide" data-key="symbols" onMouseDown={keepFocus} onClick={() => setSymbols(!symbols)}>
          {symbols ? 'ABC' : '123'}
        </button>
        <button type="button" className="osk-key osk-wide" data-key="clear" onMouseDown={keepFocus} onClick={onClear}>
          Clear
        </button>
        <button type="button" className="osk-key osk-space" data-key="space" onMouseDown={keepFocus} onClick={() => press(' ')}>
          space
        </button>
        <button type="button" className="osk-key osk-enter" data-key="enter" onMouseDown={keepFocus} onClick={onEnter}>
          Done
        </button>
      </div>
    </div>
  );
}
