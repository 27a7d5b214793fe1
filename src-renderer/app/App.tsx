// The app root: creates the kiosk's one store and one session and hands them to the screen.
import { useState } from 'react';
import { kioskApi } from '../platform/kiosk-api';
import { KioskScreen } from '../screens/KioskScreen';
import { createKioskStore } from '../state/kiosk-store';
import { startVision } from '../vision/index';
import { KioskProvider } from './kiosk-context';
import { createKioskSession } from './kiosk-session';

function createKiosk() {
  const store = createKioskStore();
  const session = createKioskSession({
    api: kioskApi(),
    store,
    startVision,
    assetsBase: new URL('./', window.location.href).href,
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
