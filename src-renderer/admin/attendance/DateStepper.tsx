// A date set by tapping: the day either side, or straight back to today. Days after `max` (today
// unless given) cannot be chosen.
import { addDays, longDate } from './labels';

export function DateStepper({ value, onChange, today, label, max = today }: { value: string; onChange(d: string): void; today: string; label?: string; max?: string }) {
  return (
    <div className="stepper" role="group" aria-label={label ?? 'Date'}>
      <button type="button" className="step" onClick={() => onChange(addDays(value, -7))}>−1 week</button>
      <button type="button" className="step" onClick={() => onChange(addDays(value, -1))}>◀ Day</button>
      <output className="stepper-value stepper-date" data-testid={`${label ?? 'date'}-value`}>{longDate(value)} <small>{value.slice(0, 4)}</small></output>
      <button type="button" className="step" onClick={() => onChange(addDays(value, 1))} disabled={value >= max}>Day ▶</button>
      <button type="button" className="step" onClick={() => onChange(today)} disabled={value === today}>Today</button>
    </div>
  );
}
