// The school's wall clock as the core last told it, run on locally so it keeps going between status
// refreshes (or while the core does not answer). The core's time is the truth, not the device's.

/** HH:MM moved on by `elapsedMs`, wrapping at midnight. */
export function advanceClock(localTime: string, elapsedMs: number): string {
  const [h = 0, m = 0] = localTime.split(':').map(Number);
  // A status that lands just after the last tick gives a few negative ms: never show a minute earlier.
  const minutes = (((h * 60 + m + Math.floor(Math.max(0, elapsedMs) / 60_000)) % 1440) + 1440) % 1440;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** "Wednesday 3 December" for the school-local date YYYY-MM-DD, in the school's locale. */
export function formatSchoolDate(localDate: string, locale: string): string {
  const [y = 1970, mo = 1, d = 1] = localDate.split('-').map(Number);
  // The date is already school-local; format it as a plain calendar day, not an instant.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, mo - 1, d)),
  );
}
