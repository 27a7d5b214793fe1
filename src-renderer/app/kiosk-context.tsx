// Hands the one store and the one session the app root created to every component below it.
import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { KioskActions, KioskState, KioskStore } from '../state/kiosk-store';
import type { KioskSession } from './kiosk-session';

interface Kiosk {
  store: KioskStore;
  session: KioskSession;
}

const KioskContext = createContext<Kiosk | null>(null);

export function KioskProvider({ store, session, children }: Kiosk & { children: ReactNode }) {
  return <KioskContext.Provider value={{ store, session }}>{children}</KioskContext.Provider>;
}

function useKioskContext(): Kiosk {
  const kiosk = useContext(KioskContext);
  if (!kiosk) throw new Error('Kiosk components must be rendered inside <KioskProvider>');
  return kiosk;
}

/** A slice of the kiosk state; re-renders only when the selected value changes. */
export function useKiosk<T>(select: (s: KioskState) => T): T {
  return useStore(useKioskContext().store, select);
}

/** The store's actions, which never change identity. */
export function useKioskActions(): KioskActions {
  return useKioskContext().store.getState();
}

export function useKioskSession(): KioskSession {
  return useKioskContext().session;
}
