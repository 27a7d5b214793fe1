// Which admin field the on-screen keyboard is typing into. A field registers itself when it gets
// focus; the keyboard (one per admin screen) docks at the bottom and types into that field.
//
// A press on anything outside the keyboard blurs the field at mousedown. If the keyboard vanished
// right then, the screen would reflow under the finger and the click (dispatched at mouseup, on
// whatever is under the pointer by then) would land elsewhere or nowhere: the tap is lost. So a
// blur during a press only takes the keyboard away once that press has ended and its click landed.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export type FieldKind = 'text' | 'number' | 'decimal' | 'pin' | 'time' | 'date' | 'phone';

export interface ActiveField {
  id: string;
  kind: FieldKind;
  input: HTMLInputElement | HTMLTextAreaElement;
  maxLength?: number;
  onChange(value: string): void;
  /** Enter / Done on the keyboard. */
  onEnter?(): void;
}

interface InputState {
  active: ActiveField | null;
  activate(field: ActiveField): void;
  release(id: string): void;
}

const Ctx = createContext<InputState | null>(null);

export function InputProvider({ children }: { children: ReactNode }) {
  const [active, setActive] = useState<ActiveField | null>(null);
  const pressing = useRef(false);
  const deferred = useRef<string | null>(null);
  const releaseNow = useCallback((id: string) => setActive((a) => (a?.id === id ? null : a)), []);
  const activate = useCallback((f: ActiveField) => {
    deferred.current = null;
    setActive(f);
  }, []);
  const release = useCallback(
    (id: string) => {
      if (pressing.current) deferred.current = id;
      else releaseNow(id);
    },
    [releaseNow],
  );

  useEffect(() => {
    // Capture phase on the document: seen before any handler can stop it, for mouse and for the
    // mouse events Chromium makes from a finger's tap alike.
    const down = () => {
      pressing.current = true;
    };
    const up = () => {
      // The click follows mouseup within the same task; the next task is after it has landed.
      setTimeout(() => {
        pressing.current = false;
        const id = deferred.current;
        deferred.current = null;
        if (id !== null) releaseNow(id);
      });
    };
    document.addEventListener('mousedown', down, true);
    document.addEventListener('mouseup', up, true);
    return () => {
      document.removeEventListener('mousedown', down, true);
      document.removeEventListener('mouseup', up, true);
    };
  }, [releaseNow]);

  const value = useMemo(() => ({ active, activate, release }), [active, activate, release]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useInput(): InputState {
  const v = useContext(Ctx);
  if (!v) throw new Error('admin fields must sit inside <InputProvider>');
  return v;
}
