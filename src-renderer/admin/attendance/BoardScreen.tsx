// A board with its student sheet: live for today, or fixed on a chosen day for corrections.
import { useState } from 'react';
import type { KioskApi } from '../../../src-preload/contract';
import { BoardView } from './BoardView';
import { longDate, sessionTitle } from './labels';
import { StudentSheet } from './StudentSheet';
import { useBoard } from './use-board';
import './attendance.css';

export function BoardScreen({ api, date, live }: { api: KioskApi; date?: string; live: boolean }) {
  const [session, setSession] = useState<string | undefined>(undefined);
  const [picked, setPicked] = useState<number | null>(null);
  const { board, error, reload } = useBoard(api, { session, date, live });
  if (!board) return <p className="admin-muted">{error ?? 'Loading…'}</p>;
  const current = board.sessions.find((s) => s.name === board.session)!;
  return (
    <>
      <div className="board-head">
        <div>
          <p className="board-date" data-testid="board-date">
            {longDate(board.localDate)} · {sessionTitle(board.session)}
          </p>
          <p className="admin-muted" data-testid="board-status">
            {!board.schoolDay
              ? 'Not a school day.'
              : board.localDate !== board.today
                ? board.localDate < board.today
                  ? 'A past day, as recorded and corrected.'
                  : 'A day still to come: only excuses can be entered.'
                : board.phase === 'before'
                  ? `Check-in open until ${current.checkInCloses}; students not here yet are "not yet arrived".`
                  : `Check-in closed at ${current.checkInCloses}; students not here are absent, later arrivals are recorded as late.`}
            {live && <span className="live" data-testid="board-live"> ● Live, as of {board.localTime}</span>}
            {error && <span className="error"> · Not updating: {error}</span>}
          </p>
        </div>
      </div>
      {/* The student opens in place of the grid, not over it, so the docked keyboard never hides its buttons. */}
      {picked === null ? (
        <BoardView board={board} onSession={setSession} onPick={(s) => setPicked(s.studentId)} />
      ) : (
        <StudentSheet
          api={api}
          studentId={picked}
          date={board.localDate}
          today={board.today}
          nowTime={board.localTime}
          onChanged={reload}
          onClose={() => setPicked(null)}
        />
      )}
    </>
  );
}
