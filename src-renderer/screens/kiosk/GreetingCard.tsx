// The core's answer, large enough to read at arm's length. It stays a few seconds, then the kiosk
// is ready for the next student; a tap (or Enter/Escape at a desk) moves on sooner.
import { useEffect } from 'react';
import { useKioskActions } from '../../app/kiosk-context';
import { say } from '../../app/strings';
import type { ShownAnswer } from '../../state/kiosk-store';
import { Icon } from './Icon';
import { describeAnswer } from './result-view';

export function GreetingCard({ shown }: { shown: ShownAnswer }) {
  const { dismissAnswer, openPad } = useKioskActions();
  const view = describeAnswer(shown.answer);
  const { answer } = shown;
  const attendance = 'attendance' in answer ? answer.attendance : undefined;

  useEffect(() => {
    const dismiss = () => dismissAnswer(shown.id);
    const timer = setTimeout(dismiss, view.showForMs);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === 'Escape') dismiss();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('keydown', onKey);
    };
  }, [shown.id, view.showForMs, dismissAnswer]);

  return (
    <div
      className="greeting"
      data-testid="greeting"
      data-outcome={answer.outcome}
      data-kind={attendance?.kind}
      data-status={attendance?.status}
      data-tone={view.tone}
      role="status"
      aria-live="polite"
      aria-atomic="true"
      onClick={() => dismissAnswer(shown.id)}
    >
      <Icon name={view.icon} className="greeting-icon" />
      <h1 className="greeting-title">{view.title}</h1>
      <p className="greeting-detail">
        {view.detail}
        {view.badge && (
          <>
            {/* Read as one sentence ("Checked in 07:52 — on time"); shown as a badge on its own line. */}
            <span className="visually-hidden"> — </span>
            <span className="badge" data-kind={view.badge.kind}>
              <Icon name={view.badge.icon} />
              <span className="badge-text">{view.badge.text}</span>
            </span>
          </>
        )}
      </p>
      {view.offerPad && (
        <button
          type="button"
          className="greeting-action"
          onClick={(e) => {
            e.stopPropagation();
            openPad();
          }}
        >
          <Icon name="keypad" />
          {say('result.usePin')}
        </button>
      )}
      <p className="greeting-continue">{say('result.tapToContinue')}</p>
      <div className="greeting-timer" key={shown.id} style={{ animationDuration: `${view.showForMs}ms` }} aria-hidden="true" />
    </div>
  );
}
