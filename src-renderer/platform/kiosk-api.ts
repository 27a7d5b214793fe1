import type { KioskApi } from '../../src-preload/contract';
import { createWebKioskApi } from '../../src-preload/web';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when a plain browser is the kiosk (serve host). */
    kiosk?: KioskApi;
  }
}

/** The one door to the core, whichever host serves the renderer. */
export function kioskApi(): KioskApi {
  return window.kiosk ?? createWebKioskApi(new URL('./', window.location.href).toString());
}
