// The words the office reads for each state, kind and method; one place so every screen agrees.
import type { SessionStateName } from '../../../src-preload/contract';

export const STATE_LABEL: Record<SessionStateName, string> = {
  present: 'Present',
  late: 'Late',
  not_arrived: 'Not yet arrived',
  absent: 'Absent',
  checked_out: 'Checked out',
};

export const STATE_ORDER: SessionStateName[] = ['present', 'late', 'not_arrived', 'absent', 'checked_out'];

export const METHOD_LABEL = { face: 'face', qr: 'QR card', pin: 'PIN', manual: 'office' } as const;

export const KIND_LABEL = { check_in: 'Check-in', check_out: 'Check-out' } as const;

export const sessionTitle = (name: string) => name.charAt(0).toUpperCase() + name.slice(1).replace(/[_-]/g, ' ');

const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const SHORT = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });

/** 'Monday 7 December' for a school-local 'YYYY-MM-DD' (no zone shift: the date is already local). */
export const longDate = (date: string) => WEEKDAY.format(new Date(`${date}T12:00:00Z`)).replace(',', '');
export const shortDate = (date: string) => SHORT.format(new Date(`${date}T12:00:00Z`)).replace(',', '');

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
