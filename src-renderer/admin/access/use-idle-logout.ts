import { useEffect } from 'react';

/**
 * Calls `onIdle` once nobody has touched or typed for `minutes`. The core ends idle sessions too;
 * this one closes the screen so a walk-up student never sees an open admin screen.
 */
export function useIdleLogout(minutes: number | null, onIdle: () => void): void {
  useEffect(() => {
    if (minutes === null) return;
    let timer = setTimeout(onIdle, minutes * 60_000);
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, minutes * 60_000);
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    events.forEach((e) => document.addEventListener(e, reset, { capture: true, passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => document.removeEventListener(e, reset, { capture: true }));
    };
  }, [minutes, onIdle]);
}
