// A time of day set by tapping, for a touchscreen with no keyboard: big HH:MM with steps either side.
const STEPS = [-60, -5, -1, 1, 5, 60] as const;

const toMinutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const toTime = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export function TimeStepper({ value, onChange, max }: { value: string; onChange(t: string): void; max?: string }) {
  const limit = max ? toMinutes(max) : 23 * 60 + 59;
  const step = (d: number) => onChange(toTime(Math.min(limit, Math.max(0, toMinutes(value) + d))));
  const label = (d: number) => (Math.abs(d) === 60 ? `${d < 0 ? '−' : '+'}1 h` : `${d < 0 ? '−' : '+'}${Math.abs(d)} min`);
  return (
    <div className="stepper" role="group" aria-label="Time">
      {STEPS.slice(0, 3).map((d) => (
        <button key={d} type="button" className="step" onClick={() => step(d)} disabled={toMinutes(value) + d < 0}>{label(d)}</button>
      ))}
      <output className="stepper-value" data-testid="time-value">{value}</output>
      {STEPS.slice(3).map((d) => (
        <button key={d} type="button" className="step" onClick={() => step(d)} disabled={toMinutes(value) + d > limit}>{label(d)}</button>
      ))}
    </div>
  );
}
