// The core's answer while the student stays on the keypad: asked for a second factor, a PIN that
// did not match, or a request that did not get through.
import type { PadNoticeKind } from '../../state/kiosk-store';
import { Icon } from './Icon';
import { describeAnswer } from './result-view';

export function PadNotice({ notice }: { notice: PadNoticeKind }) {
  const view = describeAnswer({ outcome: notice });
  return (
    <div className="pad-notice" data-testid="greeting" data-outcome={notice} data-tone={view.tone} role="status" aria-live="polite" aria-atomic="true">
      <Icon name={view.icon} />
      <p className="pad-notice-title">{view.title}</p>
    </div>
  );
}
