// The kiosk window: full screen, locked down, and the camera as its only permission.
import { BrowserWindow, session, type WebContents } from 'electron';
import { APP_ORIGIN } from './protocol.js';

export function createKioskWindow(opts: { preload: string; devTools: boolean }): BrowserWindow {
  const win = new BrowserWindow({
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: '#0b1a2b',
    show: false,
    webPreferences: {
      preload: opts.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      backgroundThrottling: false,
      devTools: opts.devTools,
      spellcheck: false,
      // The greeting chime must play without a touch first.
      autoplayPolicy: 'no-user-gesture-required',
    },
  });
  win.setMenu(null);
  lockDown(win.webContents);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
  return win;
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
}

/** Only the camera, and only for the kiosk's own origin; every other host is blocked outright. */
export function restrictSession(): void {
  const s = session.defaultSession;
  s.setPermissionRequestHandler((contents, permission, callback, details) => {
    const ok = permission === 'media' && details.requestingUrl.startsWith(`${APP_ORIGIN}/`) &&
      ('mediaTypes' in details ? details.mediaTypes ?? [] : []).every((t) => t === 'video');
    callback(ok);
  });
  s.setPermissionCheckHandler((_contents, permission, requestingOrigin) => permission === 'media' && requestingOrigin === APP_ORIGIN);
  s.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools://') || details.url.startsWith('blob:') || details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });
}
