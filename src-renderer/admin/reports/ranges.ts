// The date ranges the office asks for most, from the school-local date of today. No range runs past
// today: the pickers cannot show a future day, so the heading and the CSV's name must not either.
import { addDays } from '../attendance/labels';

export interface Range {
  from: string;
  to: string;
}

const weekday = (date: string) => (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0

export function presets(today: string): Array<{ label: string; range: Range }> {
  const monday = addDays(today, -weekday(today));
  const firstOfMonth = `${today.slice(0, 7)}-01`;
  const lastMonthEnd = addDays(firstOfMonth, -1);
  return [
    { label: 'Today', range: { from: today, to: today } },
    { label: 'This week', range: { from: monday, to: today } },
    { label: 'Last week', range: { from: addDays(monday, -7), to: addDays(monday, -1) } },
    { label: 'This month', range: { from: firstOfMonth, to: today } },
    { label: 'Last month', range: { from: `${lastMonthEnd.slice(0, 7)}-01`, to: lastMonthEnd } },
  ];
}
