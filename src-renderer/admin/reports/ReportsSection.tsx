// Reports over a date range for the whole school, a class or one student: totals per student, the
// absence and late lists, a student's day-by-day history, and each as a CSV file.
import { useEffect, useState } from 'react';
import type { AttendanceReport, KioskApi, StudentHistory } from '../../../src-preload/contract';
import type { AdminSectionProps } from '../section';
import { DateStepper } from '../attendance/DateStepper';
import { STATE_LABEL, sessionTitle, shortDate } from '../attendance/labels';
import { downloadCsv } from '../download';
import { presets, type Range } from './ranges';
import '../attendance/attendance.css';

type Roster = { localDate: string; classes: string[]; students: Array<{ studentId: number; studentNumber: string; name: string; className: string }> };
type Scope = { kind: 'school' } | { kind: 'class'; className: string } | { kind: 'student'; studentId: number; name: string };
type Tab = 'summary' | 'absences' | 'lates';

export function ReportsSection({ api }: AdminSectionProps) {
  const [roster, setRoster] = useState<Roster | null>(null);
  const [range, setRange] = useState<Range | null>(null);
  const [scope, setScope] = useState<Scope>({ kind: 'school' });
  const [picking, setPicking] = useState<string | null>(null);
  useEffect(() => {
    void api.invoke('attendance:roster', {}).then((r) => {
      setRoster(r);
      setRange(presets(r.localDate)[1]!.range);
    });
  }, [api]);
  if (!roster || !range) return <p className="admin-muted">Loading…</p>;
  const today = roster.localDate;

  return (
    <div className="reports">
      <section className="report-controls">
        <div className="control-row">
          <span className="field-label">Dates</span>
          {presets(today).map((p) => (
            <button
              key={p.label}
              type="button"
              className={p.range.from === range.from && p.range.to === range.to ? 'chip chip-on' : 'chip'}
              onClick={() => setRange(p.range)}
            >
              {p.label}
            </button>
          ))}
        </div>
        <div className="control-row">
          <span className="field-label">From</span>
          <DateStepper label="from" value={range.from} today={today} onChange={(from) => setRange({ from, to: from > range.to ? from : range.to })} />
        </div>
        <div className="control-row">
          <span className="field-label">To</span>
          <DateStepper label="to" value={range.to > today ? today : range.to} today={today} onChange={(to) => setRange({ from: to < range.from ? to : range.from, to })} />
        </div>
        <div className="control-row">
          <span className="field-label">For</span>
          <button type="button" className={scope.kind === 'school' ? 'chip chip-on' : 'chip'} onClick={() => { setScope({ kind: 'school' }); setPicking(null); }}>
            Whole school
          </button>
          {roster.classes.map((c) => (
            <button
              key={c}
              type="button"
              data-testid={`report-class-${c}`}
              className={scope.kind === 'class' && scope.className === c ? 'chip chip-on' : 'chip'}
              onClick={() => { setScope({ kind: 'class', className: c }); setPicking(null); }}
            >
              Class {c || '(none)'}
            </button>
          ))}
          <button type="button" className={scope.kind === 'student' || picking !== null ? 'chip chip-on' : 'chip'} onClick={() => setPicking(roster.classes[0] ?? '')}>
            {scope.kind === 'student' ? scope.name : 'One student…'}
          </button>
        </div>
        {picking !== null && (
          <div className="picker">
            <div className="control-row">
              {roster.classes.map((c) => (
                <button key={c} type="button" className={picking === c ? 'chip chip-on' : 'chip'} onClick={() => setPicking(c)}>
                  {c || '(none)'}
                </button>
              ))}
            </div>
            <div className="picker-students">
              {roster.students.filter((s) => s.className === picking).map((s) => (
                <button key={s.studentId} type="button" className="btn btn-quiet" onClick={() => { setScope({ kind: 'student', studentId: s.studentId, name: s.name }); setPicking(null); }}>
                  {s.name}
                </button>
              ))}
            </div>
          </div>
        )}
      </section>
      {picking === null && (scope.kind === 'student'
        ? <HistoryView key={`${scope.studentId}:${range.from}:${range.to}`} api={api} studentId={scope.studentId} range={range} />
        : <RangeReport key={`${scope.kind === 'class' ? scope.className : '*'}:${range.from}:${range.to}`} api={api} range={range} className={scope.kind === 'class' ? scope.className : undefined} today={today} onStudent={(id, name) => setScope({ kind: 'student', studentId: id, name })} />)}
    </div>
  );
}

function DownloadButton({ api, range, what, className, studentId, label }: { api: KioskApi; range: Range; what: 'records' | 'summary' | 'absences' | 'lates'; className?: string; studentId?: number; label: string }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="btn"
      data-testid={`download-${what}`}
      disabled={busy}
      onClick={() => {
        setBusy(true);
        void api
          .invoke('attendance:export', { ...range, what, ...(className !== undefined ? { className } : {}), ...(studentId !== undefined ? { studentId } : {}) })
          .then((f) => downloadCsv(f.filename, f.csv))
          .finally(() => setBusy(false));
      }}
    >
      ⬇ {label}
    </button>
  );
}

function RangeReport({ api, range, className, today, onStudent }: { api: KioskApi; range: Range; className?: string; today: string; onStudent(id: number, name: string): void }) {
  const [report, setReport] = useState<AttendanceReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState<Tab>('summary');
  useEffect(() => {
    api.invoke('attendance:report', { ...range, ...(className !== undefined ? { className } : {}) }).then(setReport, (e: Error) => setError(e.message));
  }, [api, range, className]);
  if (error) return <p className="error">{error}</p>;
  if (!report) return <p className="admin-muted">Loading…</p>;
  const lateTotal = report.rows.reduce((n, r) => n + r.late, 0);
  const tabs: Array<[Tab, string]> = [
    ['summary', `Students (${report.rows.length})`],
    ['absences', `Absences (${report.absences.length})`],
    ['lates', `Lates (${lateTotal})`],
  ];
  return (
    <section className="report" data-testid="report">
      <p className="report-title">
        {className !== undefined ? `Class ${className || '(none)'}` : 'Whole school'} · {shortDate(report.from)} to {shortDate(report.to)} ·{' '}
        {report.schoolDays} school day{report.schoolDays === 1 ? '' : 's'}{report.to >= today ? ' so far' : ''}
      </p>
      <div className="control-row">
        {tabs.map(([k, label]) => (
          <button key={k} type="button" className={tab === k ? 'chip chip-on' : 'chip'} data-testid={`tab-${k}`} onClick={() => setTab(k)}>{label}</button>
        ))}
      </div>
      {tab === 'summary' && <p className="admin-muted">Sessions are the mornings and afternoons each student was expected. Tap a student for their day-by-day history.</p>}
      {tab === 'summary' && (
        <table className="table" data-testid="report-summary">
          <thead>
            <tr><th>Student</th><th>Class</th><th>Sessions</th><th>Attended</th><th>Late</th><th>Absent</th><th>of which excused</th></tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr key={r.studentId} onClick={() => onStudent(r.studentId, r.name)} className="row-link">
                <td>{r.name}</td><td>{r.className}</td><td>{r.sessions}</td><td>{r.attended}</td>
                <td>{r.late}{r.excusedLate ? ` (${r.excusedLate} excused)` : ''}</td><td className={r.absent > r.excusedAbsent ? 'warn' : ''}>{r.absent}</td><td>{r.excusedAbsent}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {tab === 'absences' && (
        report.absences.length === 0 ? <p className="admin-muted">No absences.</p> : (
          <table className="table" data-testid="report-absences">
            <thead><tr><th>Date</th><th>Session</th><th>Student</th><th>Class</th><th>Excused</th></tr></thead>
            <tbody>
              {report.absences.map((a, i) => (
                <tr key={i}><td>{shortDate(a.date)}</td><td>{sessionTitle(a.session)}</td><td>{a.name}</td><td>{a.className}</td><td>{a.excused ? `Yes: ${a.reason ?? ''}` : 'No'}</td></tr>
              ))}
            </tbody>
          </table>
        )
      )}
      {tab === 'lates' && (
        report.lates.length === 0 ? <p className="admin-muted">Nobody was late.</p> : (
          <table className="table" data-testid="report-lates">
            <thead><tr><th>Date</th><th>Session</th><th>Student</th><th>Class</th><th>Arrived</th><th>Minutes late</th><th>Excused</th></tr></thead>
            <tbody>
              {report.lates.map((l, i) => (
                <tr key={i}><td>{shortDate(l.date)}</td><td>{sessionTitle(l.session)}</td><td>{l.name}</td><td>{l.className}</td><td>{l.localTime}</td><td>{l.minutesLate}</td><td>{l.excused ? `Yes: ${l.reason ?? ''}` : 'No'}</td></tr>
              ))}
            </tbody>
          </table>
        )
      )}
      <div className="actions">
        <DownloadButton api={api} range={range} className={className} what="records" label="Check-ins and check-outs (CSV)" />
        <DownloadButton api={api} range={range} className={className} what="summary" label="Totals per student (CSV)" />
        <DownloadButton api={api} range={range} className={className} what="absences" label="Absences (CSV)" />
        <DownloadButton api={api} range={range} className={className} what="lates" label="Lates (CSV)" />
      </div>
      <p className="admin-muted">Times are the school's local time. Corrected records appear with their corrected values; removed ones are left out.</p>
    </section>
  );
}

function HistoryView({ api, studentId, range }: { api: KioskApi; studentId: number; range: Range }) {
  const [history, setHistory] = useState<StudentHistory | null>(null);
  useEffect(() => {
    void api.invoke('attendance:student-history', { ...range, studentId }).then(setHistory);
  }, [api, studentId, range]);
  if (!history) return <p className="admin-muted">Loading…</p>;
  const t = history.totals;
  return (
    <section className="report" data-testid="student-history">
      <p className="report-title">
        {history.student.name} · {history.student.className} · No. {history.student.studentNumber} · {shortDate(history.from)} to {shortDate(history.to)}
      </p>
      <p className="history-totals">
        Attended <strong>{t.attended}</strong> of {t.sessions} sessions · late <strong>{t.late}</strong>{t.excusedLate ? ` (${t.excusedLate} excused)` : ''} · absent <strong>{t.absent}</strong>
        {t.excusedAbsent ? ` (${t.excusedAbsent} excused)` : ''}
      </p>
      {history.days.length === 0 ? <p className="admin-muted">No school days in this range.</p> : (
        <table className="table">
          <thead><tr><th>Date</th>{history.days[0]!.sessions.map((s) => <th key={s.session}>{sessionTitle(s.session)}</th>)}</tr></thead>
          <tbody>
            {history.days.map((d) => (
              <tr key={d.date}>
                <td>{shortDate(d.date)}</td>
                {d.sessions.map((s) => (
                  <td key={s.session}>
                    <span className={`pill pill-${s.state}`}>{STATE_LABEL[s.state]}</span>{' '}
                    {s.checkIn ? `in ${s.checkIn.localTime}` : ''}{s.checkOut ? ` · out ${s.checkOut.localTime}` : ''}
                    {s.excusedAbsence ? ' · excused' : ''}{s.excusedLate ? ' · late excused' : ''}
                    {(s.checkIn?.corrected || s.checkOut?.corrected) ? ' · corrected' : ''}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        <DownloadButton api={api} range={range} studentId={studentId} what="records" label="This student's check-ins (CSV)" />
        <DownloadButton api={api} range={range} studentId={studentId} what="absences" label="This student's absences (CSV)" />
      </div>
    </section>
  );
}
