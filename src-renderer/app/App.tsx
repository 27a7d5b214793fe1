// The app root: creates the kiosk's one store and one session and hands them to the screen.
import { useState } from 'react';
import { kioskApi } from '../platform/kiosk-api';
import { KioskScreen } from '../screens/KioskScreen';
import { createKioskStore } from '../state/kiosk-store';
import { startVision } from '../vision/index';
import { KioskProvider } from './kiosk-context';
import { createKioskSession } from './kiosk-session';

declare global {
  interface Window {
    /** Present with ?trace in the address: frame timings for `npm run bench`. */
    rollcallTrace?: { frames: Array<{ capturedAt: number; face: boolean }> };
  }
}

function createKiosk() {
  const store = createKioskStore();
  const trace = new URLSearchParams(window.location.search).has('trace') ? { frames: [] } : undefined;
  if (trace) window.rollcallTrace = trace;
  const session = createKioskSession({
    api: kioskApi(),
    store,
    startVision,
    assetsBase: new URL('./', window.location.href).href,
    frameTrace: trace?.frames,
  });
  return { store, session };
}

export function App() {
  const [kiosk] = useState(createKiosk);
  return (
    <KioskProvider store={kiosk.store} session={kiosk.session}>
      <KioskScreen />
    </KioskProvider>
  );
}
