import { useEffect, useState } from 'react';

/** Date.now(), refreshed every `ms`, for countdowns on screen. */
export function useClock(ms: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(t);
  }, [ms]);
  return now;
}
