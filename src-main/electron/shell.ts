// Leaving kiosk mode for maintenance. The contract gives the channel the IT role, so only an admin
// session with the IT PIN reaches this handler; the window becomes an ordinary, minimised window
// and the desktop is reachable. The next start (systemd restart, next login) is in kiosk mode again.
import type { BrowserWindow } from 'electron';
import type { Handlers } from '../core/app.js';
import type { Logger } from '../core/log.js';

export function exitKioskHandler(window: () => BrowserWindow | null, log: Logger): Handlers['shell:exit-kiosk'] {
  return () => {
    const win = window();
    if (!win || win.isDestroyed()) return { outcome: 'not_available', reason: 'no kiosk window is open' };
    win.setKiosk(false);
    win.setFullScreen(false);
    win.minimize();
    log.warn('kiosk mode left for maintenance');
    return { outcome: 'exited' };
  };
}
