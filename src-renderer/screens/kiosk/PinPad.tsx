// Check in without the face: student number, then PIN, on a keypad big enough for small fingers.
// A card shown to the camera works at any moment too. An untouched pad closes itself, so the next
// student never finds someone else's half-typed number.
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useKiosk, useKioskActions, useKioskSession } from '../../app/kiosk-context';
import { say } from '../../app/strings';
import { checkInModes } from '../../state/check-in-modes';
import { pinIsComplete, PIN_MAX, STUDENT_NUMBER_MAX, type PadField } from '../../state/kiosk-store';
import { Icon } from './Icon';
import { Keypad } from './Keypad';
import { PadNotice } from './PadNotice';

const UNTOUCHED_CLOSE_MS = 30_000;

export function PinPad() {
  const pad = useKiosk((s) => s.pad);
  const busy = useKiosk((s) => s.pending === 'pin');
  const card = useKiosk((s) => checkInModes(s).card);
  const { closePad, focusField, editField, pressDigit, pressDelete, confirmStudentNumber } = useKioskActions();
  const session = useKioskSession();
  const inputs = { studentNumber: useRef<HTMLInputElement>(null), pin: useRef<HTMLInputElement>(null) };
  const activeInput = inputs[pad.field];
  // Letters only for the student number; every pad opens on digits, the common case.
  const [letters, setLetters] = useState(false);
  const lettersShown = letters && pad.field === 'studentNumber';

  useEffect(() => {
    activeInput.current?.focus();
  }, [activeInput, busy]);

  useEffect(() => {
    const timer = setTimeout(closePad, UNTOUCHED_CLOSE_MS);
    return () => clearTimeout(timer);
  }, [pad, closePad]);

  const ok = () => {
    if (busy) return;
    if (!pad.studentNumber) focusField('studentNumber');
    else if (pad.field === 'studentNumber') confirmStudentNumber();
    else if (pinIsComplete(pad.pin)) void session.checkInWithPin(pad.studentNumber, pad.pin);
  };
  const okReady = pad.field === 'studentNumber' ? pad.studentNumber.length > 0 : pinIsComplete(pad.pin);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    ok();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') closePad();
  };

  const field = (name: PadField, label: string, testId: string, max: number) => (
    <label className="pad-field" data-active={pad.field === name}>
      <span className="pad-field-label">{label}</span>
      <input
        ref={inputs[name]}
        data-testid={testId}
        type={name === 'pin' ? 'password' : 'text'}
        inputMode="none"
        autoComplete="off"
        autoCorrect="off"
        spellCheck={false}
        maxLength={max}
        value={pad[name]}
        onFocus={() => focusField(name)}
        onChange={(e) => editField(name, e.target.value)}
        disabled={busy}
      />
    </label>
  );

  return (
    <form className="pad" onSubmit={submit} onKeyDown={onKeyDown} aria-label={say('pad.title')}>
      <div className="pad-head">
        <h2 className="pad-title">{say('pad.title')}</h2>
        <button type="button" className="pad-cancel" onClick={closePad}>
          <Icon name="close" />
          {say('pad.cancel')}
        </button>
      </div>
      {pad.notice ? <PadNotice notice={pad.notice} /> : <p className="pad-tip">{say(card ? 'pad.cardTip' : 'pad.cardTipPinOnly')}</p>}
      <div className="pad-fields">
        {field('studentNumber', say('pad.studentNumber'), 'pin-student-number', STUDENT_NUMBER_MAX)}
        {field('pin', say('pad.pin'), 'pin-code', PIN_MAX)}
      </div>
      <Keypad
        okLabel={say(pad.field === 'studentNumber' ? 'pad.next' : 'pad.checkIn')}
        okReady={okReady}
        busy={busy}
        letters={lettersShown}
        onDigit={pressDigit}
        onDelete={pressDelete}
        lettersAvailable={pad.field === 'studentNumber'}
        onToggleLetters={() => setLetters(!lettersShown)}
      />
    </form>
  );
}
