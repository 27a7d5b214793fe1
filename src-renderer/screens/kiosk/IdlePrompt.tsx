// What a student sees when nobody is being checked in: how to check in by face (or card), and an
// equally large button for the card/PIN path, so the non-biometric way is never second best.
import { useKiosk, useKioskActions } from '../../app/kiosk-context';
import { say } from '../../app/strings';
import { checkInModes } from '../../state/check-in-modes';
import { Icon } from './Icon';
import { describeNextCheckIn } from './next-check-in';

export function IdlePrompt() {
  const { openPad } = useKioskActions();
  const face = useKiosk((s) => checkInModes(s).face);
  const card = useKiosk((s) => checkInModes(s).card);
  const status = useKiosk((s) => s.status);
  // Outside every session a check-in would be refused: say when it opens before anyone tries.
  const closed = status && !status.session ? describeNextCheckIn(status) : null;

  return (
    <div className="idle">
      <div className="idle-tile idle-look">
        <Icon name={face ? 'face' : card ? 'card' : 'keypad'} className="idle-icon" />
        {closed && <p className="idle-closed" data-testid="idle-next-check-in">{closed}</p>}
        <p className="idle-text">{say(face ? 'idle.face' : card ? 'idle.card' : 'idle.pinOnly')}</p>
      </div>
      <button type="button" className="idle-tile idle-pin" data-testid="pin-button" onClick={openPad}>
        <Icon name="keypad" className="idle-icon" />
        <span className="idle-text">{say(card ? 'idle.pinButton' : 'idle.pinButtonPinOnly')}</span>
      </button>
    </div>
  );
}
