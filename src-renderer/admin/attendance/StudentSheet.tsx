// One student's day, opened by tapping them: where they stand in each session, every record with its
// original and its corrections, and the actions the office takes (check in or out by hand, change a
// time, remove a wrong record, excuse an absence or a late). Every action asks for a reason.
import { useCallback, useEffect, useState } from 'react';
import type { KioskApi, OfficeResult, StudentDay } from '../../../src-preload/contract';
import { KIND_LABEL, METHOD_LABEL, STATE_LABEL, longDate, sessionTitle } from './labels';
import { ReasonField } from './ReasonField';
import { TimeStepper } from './TimeStepper';

type DayRecord = StudentDay['records'][number];
type Excuse = StudentDay['excuses'][number];

type Action =
  | { type: 'check_in' | 'check_out'; session: string }
  | { type: 'amend' | 'void' | 'restore'; record: DayRecord }
  | { type: 'excuse_absence' | 'excuse_late'; session: string }
  | { type: 'withdraw'; excuse: Excuse };

const PRESETS: Record<Action['type'], string[]> = {
  check_in: ['Signed in at the office', 'Forgot card', 'Kiosk queue', 'Kiosk did not recognise them'],
  check_out: ['Sick, collected by parent', 'Appointment', 'Left with permission', 'Forgot to check out'],
  amend: ['Kiosk queue at the gate', 'Arrived on time, recorded late', 'Wrong time recorded'],
  void: ['Wrong student recognised', 'Card used by someone else', 'Recorded twice'],
  restore: ['Removed by mistake'],
  excuse_absence: ['Illness, parent phoned', 'Medical appointment', 'Family emergency', 'School trip'],
  excuse_late: ['Bus late', 'Medical appointment', 'Parent phoned ahead'],
  withdraw: ['Entered by mistake', 'Parent withdrew the explanation'],
};

const DONE: Record<Action['type'], string> = {
  check_in: 'Saved: checked in.',
  check_out: 'Saved: checked out.',
  amend: 'Saved: time changed. The original record stays on file.',
  void: 'Saved: record removed. It stays on file, marked as removed.',
  restore: 'Saved: record put back.',
  excuse_absence: 'Saved: absence excused.',
  excuse_late: 'Saved: late arrival excused.',
  withdraw: 'Saved: excuse withdrawn.',
};

function titleOf(a: Action): string {
  switch (a.type) {
    case 'check_in': return `Check in for the ${a.session}`;
    case 'check_out': return `Check out of the ${a.session}`;
    case 'amend': return `Change the ${KIND_LABEL[a.record.kind].toLowerCase()} time`;
    case 'void': return `Remove this ${KIND_LABEL[a.record.kind].toLowerCase()}`;
    case 'restore': return `Put this ${KIND_LABEL[a.record.kind].toLowerCase()} back`;
    case 'excuse_absence': return `Excuse the absence from the ${a.session}`;
    case 'excuse_late': return `Excuse the late arrival in the ${a.session}`;
    case 'withdraw': return `Withdraw the excuse`;
  }
}

export interface StudentSheetProps {
  api: KioskApi;
  studentId: number;
  date: string;
  today: string;
  /** School-local HH:MM now, for "now" and as the latest time an entry may have today. */
  nowTime: string;
  onChanged(): void;
  onClose(): void;
}

export function StudentSheet({ api, studentId, date, today, nowTime, onChanged, onClose }: StudentSheetProps) {
  const [day, setDay] = useState<StudentDay | null>(null);
  const [action, setAction] = useState<Action | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(() => {
    void api.invoke('attendance:student-day', { studentId, date }).then(setDay);
  }, [api, studentId, date]);
  useEffect(load, [load]);
  useEffect(() => {
    document.querySelector('.admin-body')?.scrollTo({ top: 0 });
  }, [studentId]);

  const done = (message: string) => {
    // What was saved, in the words of the action; the original record always stays on file.
    setAction(null);
    setNotice(message);
    load();
    onChanged();
  };

  const isToday = date === today;

  return (
    <section className="sheet" aria-label="Student" data-testid="student-sheet">
        {!day ? (
          <p className="admin-muted">Loading…</p>
        ) : (
          <>
            <header className="sheet-head">
              <div>
                <h2>{day.student.name}</h2>
                <p className="admin-muted">
                  {day.student.className || 'No class'} · No. {day.student.studentNumber} · {longDate(date)}
                </p>
              </div>
              <button type="button" className="btn btn-quiet" data-testid="sheet-close" onClick={onClose}>← Back to the board</button>
            </header>
            {notice && <p className="notice" role="status">{notice}</p>}
            {action ? (
              <ActionForm
                api={api}
                action={action}
                studentId={studentId}
                date={date}
                isToday={isToday}
                nowTime={nowTime}
                onDone={done}
                onCancel={() => setAction(null)}
              />
            ) : (
              day.sessions.map((s) => {
                const records = day.records.filter((r) => r.session === s.session);
                const excuses = day.excuses.filter((e) => e.session === s.session);
                const hasIn = records.some((r) => r.kind === 'check_in' && !r.voided);
                const hasOut = records.some((r) => r.kind === 'check_out' && !r.voided);
                return (
                  <div key={s.session} className="sheet-session" data-testid={`session-${s.session}`}>
                    <h3>
                      {sessionTitle(s.session)} <span className={`pill pill-${s.state}`}>{STATE_LABEL[s.state]}</span>
                      {s.excusedAbsence && <span className="pill pill-excused">Excused</span>}
                      {s.excusedLate && <span className="pill pill-excused">Late excused</span>}
                    </h3>
                    {records.length === 0 && <p className="admin-muted">No record.</p>}
                    {records.map((r) => (
                      // A removed record can come back only while no other record of its kind stands in its place.
                      <RecordLine key={r.id} record={r} onAction={setAction} canRestore={!(r.kind === 'check_in' ? hasIn : hasOut)} />
                    ))}
                    {excuses.map((e) => (
                      <div key={e.id} className="record">
                        <p>
                          <strong>{e.kind === 'absence' ? 'Absence excused' : 'Late excused'}</strong>: {e.reason}
                          <span className="admin-muted"> · by {e.actor}, {e.madeAt.slice(11)}</span>
                        </p>
                        <div className="actions">
                          <button type="button" className="btn btn-quiet" onClick={() => setAction({ type: 'withdraw', excuse: e })}>Withdraw excuse</button>
                        </div>
                      </div>
                    ))}
                    <div className="actions">
                      {isToday && !hasIn && (
                        <button type="button" className="btn btn-go" data-testid="action-check-in" onClick={() => setAction({ type: 'check_in', session: s.session })}>Check in</button>
                      )}
                      {/* Checking out someone never checked in is done as a check-in at their arrival first, then this. */}
                      {isToday && hasIn && !hasOut && (
                        <button type="button" className="btn" data-testid="action-check-out" onClick={() => setAction({ type: 'check_out', session: s.session })}>Check out</button>
                      )}
                      {!hasIn && !hasOut && !s.excusedAbsence && (
                        <button type="button" className="btn" data-testid="action-excuse-absence" onClick={() => setAction({ type: 'excuse_absence', session: s.session })}>Excuse absence</button>
                      )}
                      {s.late && !s.excusedLate && (
                        <button type="button" className="btn" data-testid="action-excuse-late" onClick={() => setAction({ type: 'excuse_late', session: s.session })}>Excuse late</button>
                      )}
                    </div>
                  </div>
                );
              })
            )}
          </>
        )}
    </section>
  );
}

function RecordLine({ record: r, onAction, canRestore }: { record: DayRecord; onAction(a: Action): void; canRestore: boolean }) {
  const late = r.current.status === 'late' ? ` · late ${r.current.minutesLate} min` : '';
  return (
    <div className={r.voided ? 'record record-void' : 'record'} data-testid={`record-${r.id}`}>
      <p>
        <strong>{KIND_LABEL[r.kind]} {r.current.localTime}</strong>
        {late} · by {METHOD_LABEL[r.current.method]}
        {r.voided && <strong className="void-mark"> · removed</strong>}
      </p>
      {r.manualReason && <p className="admin-muted">Entered by the office: {r.manualReason}</p>}
      {r.corrections.length > 0 && (
        <ol className="history">
          <li>
            Recorded {r.original.localTime} ({KIND_LABEL[r.original.kind].toLowerCase()}, {r.original.status === 'late' ? 'late' : 'on time'})
          </li>
          {r.corrections.map((c, i) => (
            <li key={i}>
              {c.action === 'void' ? 'Removed' : `Changed to ${c.localTime} (${c.status === 'late' ? 'late' : 'on time'})`} by {c.actor} at {c.madeAt.slice(11)}: “{c.reason}”
            </li>
          ))}
        </ol>
      )}
      <div className="actions">
        {r.voided ? (
          canRestore && <button type="button" className="btn btn-quiet" data-testid="action-restore" onClick={() => onAction({ type: 'restore', record: r })}>Put back</button>
        ) : (
          <>
            <button type="button" className="btn btn-quiet" data-testid="action-amend" onClick={() => onAction({ type: 'amend', record: r })}>Change time</button>
            <button type="button" className="btn btn-quiet" data-testid="action-void" onClick={() => onAction({ type: 'void', record: r })}>Remove</button>
          </>
        )}
      </div>
    </div>
  );
}

interface ActionFormProps {
  api: KioskApi;
  action: Action;
  studentId: number;
  date: string;
  isToday: boolean;
  nowTime: string;
  onDone(message: string): void;
  onCancel(): void;
}

function ActionForm({ api, action, studentId, date, isToday, nowTime, onDone, onCancel }: ActionFormProps) {
  const initialTime =
    action.type === 'amend' ? action.record.current.localTime : action.type === 'restore' ? action.record.current.localTime : nowTime;
  const [time, setTime] = useState(initialTime);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const needsTime = action.type === 'check_in' || action.type === 'check_out' || action.type === 'amend';
  const ready = reason.trim().length >= 3 && !busy;

  async function submit() {
    setBusy(true);
    setError(null);
    let result: OfficeResult;
    try {
      result = await run();
    } catch (e) {
      result = { ok: false, error: (e as Error).message };
    }
    setBusy(false);
    if (result.ok) onDone(DONE[action.type]);
    else setError(result.error);
  }

  function run(): Promise<OfficeResult> {
    const r = reason.trim();
    switch (action.type) {
      case 'check_in':
      case 'check_out':
        // "Now" is sent as no time, so the record carries the exact second.
        return api.invoke('attendance:check-in-manual', { studentId, kind: action.type, session: action.session, reason: r, ...(time === nowTime ? {} : { time }) });
      case 'amend':
        return api.invoke('attendance:correct', { action: 'amend', attendanceId: action.record.id, time, kind: action.record.kind, reason: r });
      case 'restore':
        return api.invoke('attendance:correct', { action: 'amend', attendanceId: action.record.id, time: action.record.current.localTime, kind: action.record.kind, reason: r });
      case 'void':
        return api.invoke('attendance:correct', { action: 'void', attendanceId: action.record.id, reason: r });
      case 'excuse_absence':
      case 'excuse_late':
        return api.invoke('attendance:excuse', { studentId, date, sessions: [action.session], kind: action.type === 'excuse_absence' ? 'absence' : 'late', reason: r });
      case 'withdraw':
        return api.invoke('attendance:withdraw-excuse', { excuseId: action.excuse.id, reason: r });
    }
  }

  return (
    <form className="action-form" data-testid="action-form" onSubmit={(e) => { e.preventDefault(); if (ready) void submit(); }}>
      <h3>{titleOf(action)}</h3>
      {needsTime && (
        <div>
          <span className="field-label">Time{(action.type === 'check_in' || action.type === 'check_out') && time === nowTime ? ' (now)' : ''}</span>
          <TimeStepper value={time} onChange={setTime} max={isToday ? nowTime : undefined} />
        </div>
      )}
      {action.type === 'void' && <p className="admin-muted">The record stays on file marked as removed; it no longer counts and is left out of exports.</p>}
      <ReasonField value={reason} onChange={setReason} presets={PRESETS[action.type]} onEnter={() => { if (ready) void submit(); }} />
      {error && <p className="error" role="alert">{error}</p>}
      <div className="actions">
        <button type="submit" className="btn btn-go" data-testid="action-confirm" disabled={!ready}>{busy ? 'Saving…' : 'Confirm'}</button>
        <button type="button" className="btn btn-quiet" onClick={onCancel}>Cancel</button>
      </div>
      {!ready && !busy && <p className="admin-muted">Choose or type a reason to confirm.</p>}
    </form>
  );
}
