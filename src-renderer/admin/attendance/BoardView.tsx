// A board of one session of one day: five big counts that double as filters, class chips, and a
// grid of students large enough to tap. Tapping a student opens what can be done for them.
import { useState } from 'react';
import type { Board, BoardCounts, BoardStudent, SessionStateName } from '../../../src-preload/contract';
import { METHOD_LABEL, STATE_LABEL, STATE_ORDER, sessionTitle } from './labels';

export interface BoardViewProps {
  board: Board;
  onSession(name: string): void;
  onPick(student: BoardStudent): void;
}

function detail(s: BoardStudent): string {
  const parts: string[] = [];
  if (s.checkIn) parts.push(`in ${s.checkIn.localTime}${s.checkIn.status === 'late' ? ` (${s.checkIn.minutesLate} min late)` : ''} · ${METHOD_LABEL[s.checkIn.method]}`);
  if (s.checkOut) parts.push(`out ${s.checkOut.localTime}`);
  if (s.excusedLate) parts.push('late excused');
  if (s.checkIn?.corrected || s.checkOut?.corrected) parts.push('corrected');
  if (s.absenceReport) parts.push(s.absenceReport.texts > 0 ? `absence texted ${s.absenceReport.at}` : `reported absent ${s.absenceReport.at}, nobody to text`);
  return parts.join(' · ');
}

/** Present or late or gone home after being here: the students the school has seen this session. */
const inSchool = (c: BoardCounts) => c.present + c.late + c.checked_out;

export function BoardView({ board, onSession, onPick }: BoardViewProps) {
  const [state, setState] = useState<SessionStateName | null>(null);
  const [className, setClassName] = useState<string | null>(null);
  const inClass = board.students.filter((s) => className === null || s.className === className);
  const shown = inClass.filter((s) => state === null || s.state === state);
  const counts = className === null ? board.counts : board.classes.find((c) => c.name === className)?.counts ?? board.counts;

  return (
    <div className="board">
      <div className="board-sessions" role="tablist" aria-label="Session">
        {board.sessions.map((s) => (
          <button
            key={s.name}
            type="button"
            role="tab"
            aria-selected={s.name === board.session}
            className={s.name === board.session ? 'chip chip-on' : 'chip'}
            onClick={() => onSession(s.name)}
          >
            {sessionTitle(s.name)} <span className="chip-sub">{s.start}–{s.end}</span>
          </button>
        ))}
      </div>

      <div className="board-counts">
        {STATE_ORDER.map((k) => (
          <button
            key={k}
            type="button"
            data-testid={`count-${k}`}
            className={`count count-${k}${state === k ? ' count-on' : ''}`}
            aria-pressed={state === k}
            onClick={() => setState(state === k ? null : k)}
          >
            <span className="count-n">{counts[k]}</span>
            <span className="count-label">{STATE_LABEL[k]}</span>
            {k === 'absent' && counts.excused_absent > 0 && <span className="count-sub">{counts.excused_absent} excused</span>}
          </button>
        ))}
      </div>

      <div className="board-classes" aria-label="Class">
        <button type="button" className={className === null ? 'chip chip-on' : 'chip'} onClick={() => setClassName(null)}>
          All classes <span className="chip-sub">{inSchool(board.counts)}/{board.counts.total} in</span>
        </button>
        {board.classes.map((c) => (
          <button
            key={c.name}
            type="button"
            data-testid={`class-${c.name}`}
            className={className === c.name ? 'chip chip-on' : 'chip'}
            onClick={() => setClassName(className === c.name ? null : c.name)}
          >
            {c.name || 'No class'} <span className="chip-sub">{inSchool(c.counts)}/{c.counts.total} in</span>
          </button>
        ))}
      </div>

      {state !== null && (
        <p className="board-filter">
          Showing {STATE_LABEL[state].toLowerCase()}{className !== null ? ` in ${className || 'no class'}` : ''}: {shown.length}{' '}
          <button type="button" className="link" onClick={() => setState(null)}>Show everyone</button>
        </p>
      )}
      <p className="admin-muted board-hint">Tap a student to check them in or out by hand, correct a time, or excuse an absence or a late arrival.</p>
      {shown.length === 0 ? (
        <p className="admin-muted board-empty">{board.students.length > 0 ? 'Nobody here.' : board.localDate < board.today ? 'Nobody was on the roll that day.' : 'No students on the roster yet.'}</p>
      ) : (
        <ul className="board-students">
          {shown.map((s) => (
            <li key={s.studentId}>
              <button type="button" className={`student student-${s.state}`} data-testid={`student-${s.studentNumber}`} data-state={s.state} onClick={() => onPick(s)}>
                <span className="student-name">{s.name}</span>
                <span className="student-meta">
                  {s.className || 'No class'} · {s.studentNumber}
                </span>
                <span className={`pill pill-${s.state}${s.excusedAbsence ? ' pill-excused' : ''}`}>{s.excusedAbsence ? 'Absent, excused' : STATE_LABEL[s.state]}</span>
                <span className="student-detail">{detail(s)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
