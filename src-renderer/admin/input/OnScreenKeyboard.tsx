// The keyboard docked at the bottom of the admin screen, typing into whichever field has focus:
// the number pad for numbers, PINs, times and dates; the full keyboard for text.
import { deleteBackward, insertText, type Edit } from './edit';
import { useInput, type ActiveField } from './InputContext';
import { Keyboard } from './Keyboard';
import { Keypad, keepFocus } from './Keypad';

const EXTRA: Partial<Record<ActiveField['kind'], string>> = { time: ':', date: '-', decimal: '.', phone: '+' };

function apply(field: ActiveField, edit: (value: string, start: number, end: number) => Edit) {
  const el = field.input;
  const start = el.selectionStart ?? el.value.length;
  const end = el.selectionEnd ?? start;
  const next = edit(el.value, start, end);
  field.onChange(next.value);
  // React re-renders the value; put the caret back where the key left it.
  requestAnimationFrame(() => {
    if (document.activeElement === el) el.setSelectionRange(next.caret, next.caret);
  });
}

export function OnScreenKeyboard() {
  const { active } = useInput();
  if (!active) return null;
  const type = (text: string) => apply(active, (v, s, e) => insertText(v, s, e, text, active.maxLength));
  const back = () => apply(active, deleteBackward);
  const enter = () => {
    if (active.onEnter) active.onEnter();
    else active.input.blur();
  };
  return (
    // A press between keys must not blur the field either: it would close the keyboard.
    <div className="osk" data-testid="on-screen-keyboard" data-kind={active.kind} onMouseDown={keepFocus}>
      {active.kind === 'text' ? (
        <Keyboard onKey={type} onBackspace={back} onClear={() => apply(active, () => ({ value: '', caret: 0 }))} onEnter={enter} />
      ) : (
        <Keypad onKey={type} onBackspace={back} onEnter={enter} enterLabel={active.onEnter ? 'OK' : 'Done'} extra={EXTRA[active.kind]} />
      )}
    </div>
  );
}
