// The app root: creates the kiosk's one store and one session and hands them to the screen.
import { useEffect, useState } from 'react';
import { AdminScreen } from '../admin/AdminScreen';
import { AdminCorner } from '../admin/access/AdminCorner';
import { kioskApi } from '../platform/kiosk-api';
import { KioskScreen } from '../screens/KioskScreen';
import { createKioskStore } from '../state/kiosk-store';
import { startVision } from '../vision/index';
import { KioskProvider } from './kiosk-context';
import { createKioskSession } from './kiosk-session';
import { pageRole, tabStorage } from './page-role';

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
  const api = kioskApi();
  const session = createKioskSession({
    api,
    store,
    startVision,
    assetsBase: new URL('./', window.location.href).href,
    frameTrace: trace?.frames,
    desk: pageRole(window.location.hash, tabStorage()) === 'desk',
  });
  return { store, session, api };
}

const adminOpen = () => window.location.hash === '#admin';

export function App() {
  const [kiosk] = useState(createKiosk);
  const [admin, setAdmin] = useState(adminOpen);
  useEffect(() => {
    const onHash = () => setAdmin(adminOpen());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // Nobody behind the office's screen is checked in from the camera, and enrolment gets the camera.
  useEffect(() => {
    void (admin ? kiosk.session.pause() : kiosk.session.resume());
  }, [admin, kiosk]);
  return (
    <KioskProvider store={kiosk.store} session={kiosk.session}>
      <KioskScreen />
      {!admin && <AdminCorner onOpen={() => { window.location.hash = 'admin'; }} />}
      {admin && (
        <AdminScreen
          api={kiosk.api}
          onClose={() => {
            window.location.hash = '';
            void kiosk.session.refreshStatus();
          }}
        />
      )}
    </KioskProvider>
  );
}
