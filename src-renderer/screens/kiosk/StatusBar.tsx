// The top line: which school, what time it is there, which session, and how many are in today.
import { useKiosk } from '../../app/kiosk-context';
import { say } from '../../app/strings';
import { Icon } from './Icon';
import { describeNextCheckIn, wordsLocale } from './next-check-in';
import { advanceClock, formatSchoolDate } from './school-clock';
import { useNow } from './use-now';

const TICK_MS = 1_000;

export function StatusBar() {
  const status = useKiosk((s) => s.status);
  const statusAt = useKiosk((s) => s.statusAt);
  const connection = useKiosk((s) => s.connection);
  const now = useNow(TICK_MS);
  const time = status ? advanceClock(status.localTime, now - statusAt) : '';

  return (
    <header className="status-bar" data-testid="status-bar">
      <div className="status-school">
        <span className="status-mark">
          <Icon name="check" />
        </span>
        <span className="status-school-name">{status?.schoolName ?? ''}</span>
      </div>
      {status && (
        <time className="status-time" dateTime={`${status.localDate}T${time}`}>
          {time}
        </time>
      )}
      <div className="status-facts">
        {status && <span className="status-date">{formatSchoolDate(status.localDate, wordsLocale(status.locale, status.language))}</span>}
        {status && (
          <span className="status-chip">
            <span className="status-session" data-testid="status-session">
              {status.session ? say('status.session', { session: status.session }) : describeNextCheckIn(status)}
            </span>
          </span>
        )}
        {status && (
          <span className="status-chip" data-testid="checked-in-today">
            <Icon name="people" />
            {say('status.checkedInToday', { count: status.checkedInToday })}
          </span>
        )}
        {connection !== 'online' && (
          <span className="status-chip status-offline" role="status">
            <span className="status-dot" aria-hidden="true" />
            {say('status.connecting')}
          </span>
        )}
      </div>
    </header>
  );
}
