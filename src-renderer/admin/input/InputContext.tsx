// Which admin field the on-screen keyboard is typing into. A field registers itself when it gets
// focus; the keyboard (one per admin screen) docks at the bottom and types into that field.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';

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
  const activate = useCallback((f: ActiveField) => setActive(f), []);
  const release = useCallback((id: string) => setActive((a) => (a?.id === id ? null : a)), []);
  const value = useMemo(() => ({ active, activate, release }), [active, activate, release]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useInput(): InputState {
  const v = useContext(Ctx);
  if (!v) throw new Error('admin fields must sit inside <InputProvider>');
  return v;
}
