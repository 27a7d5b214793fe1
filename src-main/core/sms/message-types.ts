// The kinds of text the kiosk sends, and how each one behaves when it cannot go out at once.

export const smsTypes = ['check_in', 'check_out', 'late_arrival', 'absence', 'no_checkout'] as const;
export type SmsType = (typeof smsTypes)[number];

/** A text the IT staff send from the admin screen to prove the provider works; not a template type. */
export type OutboxType = SmsType | 'test';

/** Placeholders a template may use; anything else is refused when the template is saved. */
export const templatePlaceholders = ['student_name', 'first_name', 'time', 'date', 'school_name', 'minutes_late', 'session'] as const;

/**
 * Higher goes first. Absence and lateness are what a parent must act on, so they jump the queue of
 * routine arrivals and departures; a test text is sent while IT is waiting at the screen.
 */
export const priorityOf: Record<OutboxType, number> = {
  test: 4,
  absence: 3,
  late_arrival: 2,
  no_checkout: 1,
  check_in: 0,
  check_out: 0,
};

/**
 * What a text does when quiet hours begin before it is sent. "Checked in at 16:50" is noise the next
 * morning, so routine texts expire; what a parent must know waits until quiet hours end (and still
 * expires if its TTL runs out first).
 */
export const quietHoursPolicy: Record<OutboxType, 'wait' | 'expire'> = {
  test: 'wait',
  absence: 'wait',
  late_arrival: 'wait',
  no_checkout: 'wait',
  check_in: 'expire',
  check_out: 'expire',
};

/** TTL of a test text; the other types take theirs from `sms.ttlMinutes`. */
export const testTtlMinutes = 15;
