// Why the office is changing a record. The common reasons are one tap each; anything else is typed
// on the on-screen keyboard (TextField), and a tapped reason can be edited there too.
import { useRef } from 'react';
import { TextField } from '../input/TextField';

export function ReasonField({ value, onChange, presets, onEnter }: { value: string; onChange(v: string): void; presets: string[]; onEnter?(): void }) {
  const box = useRef<HTMLDivElement>(null);
  // The docked keyboard comes up after the focus and shortens the screen; bring the field back into view once it has.
  const reveal = () => requestAnimationFrame(() => requestAnimationFrame(() => box.current?.scrollIntoView({ block: 'nearest' })));
  return (
    <div className="reason" ref={box} onFocus={reveal}>
      <span className="field-label">Reason</span>
      <div className="reason-presets">
        {presets.map((p) => (
          <button key={p} type="button" className={value === p ? 'chip chip-on' : 'chip'} onClick={() => onChange(p)}>
            {p}
          </button>
        ))}
      </div>
      <TextField label="Or type the reason" testId="reason-input" value={value} maxLength={300} onChange={onChange} onEnter={onEnter} hint="Done on the keyboard confirms." />
    </div>
  );
}
