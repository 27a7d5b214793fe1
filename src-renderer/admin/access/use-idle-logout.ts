import { useEffect, useRef } from 'react';

const KEEP_ALIVE_MS = 60_000;

/**
 * Calls `onIdle` once nobody has touched or typed for `minutes`, and `onActive` at most once a
 * minute while someone is. The core ends sessions that make no calls for the idle time, so a long
 * form being filled in must tell it someone is there, or its save would find the session gone.
 */
export function useIdleLogout(minutes: number | null, onIdle: () => void, onActive: () => void): void {
  const active = useRef(onActive);
  active.current = onActive;
  useEffect(() => {
    if (minutes === null) return;
    let timer = setTimeout(onIdle, minutes * 60_000);
    let lastKeepAlive = Date.now();
    const reset = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, minutes * 60_000);
      if (Date.now() - lastKeepAlive >= KEEP_ALIVE_MS) {
        lastKeepAlive = Date.now();
        active.current();
      }
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    events.forEach((e) => document.addEventListener(e, reset, { capture: true, passive: true }));
    return () => {
      clearTimeout(timer);
      events.forEach((e) => document.removeEventListener(e, reset, { capture: true }));
    };
  }, [minutes, onIdle]);
}
