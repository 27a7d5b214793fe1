// Any day's attendance, to correct records and excuse absences after the fact, or ahead of time
// (a parent rings to say their child will be away next week).
import { useEffect, useState } from 'react';
import type { AdminSectionProps } from '../section';
import { BoardScreen } from './BoardScreen';
import { DateStepper } from './DateStepper';
import { addDays } from './labels';

const EXCUSE_AHEAD_DAYS = 60;

export function AttendanceSection({ api }: AdminSectionProps) {
  const [today, setToday] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  useEffect(() => {
    void api.invoke('attendance:roster', {}).then((r) => {
      setToday(r.localDate);
      setDate(addDays(r.localDate, -1));
    });
  }, [api]);
  if (!today || !date) return <p className="admin-muted">Loading…</p>;
  return (
    <>
      <DateStepper value={date} onChange={setDate} today={today} max={addDays(today, EXCUSE_AHEAD_DAYS)} label="day" />
      <BoardScreen key={date} api={api} date={date} live={date === today} />
    </>
  );
}
