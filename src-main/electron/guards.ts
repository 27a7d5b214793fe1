// Applies the navigation and shortcut policies to every webContents the app ever creates (windows,
// DevTools, anything Chromium makes), not only to the kiosk window it knows about.
import { app, type WebContents } from 'electron';
import { mayAttachWebview, mayNavigate, mayOpenWindow } from '../core/shell-policy/navigation.js';
import { blockedShortcut } from '../core/shell-policy/shortcuts.js';
import { ZOOM_LIMITS } from '../core/shell-policy/kiosk-window.js';
import type { Logger } from '../core/log.js';

export function guardContents(contents: WebContents, log: Logger): void {
  const refuse = (what: string) => (event: { preventDefault(): void; url: string }) => {
    if (mayNavigate(event.url)) return;
    event.preventDefault();
    log.warn('navigation refused', { what, scheme: event.url.split(':')[0] });
  };
  contents.on('will-navigate', refuse('navigate'));
  contents.on('will-frame-navigate', refuse('frame-navigate'));
  contents.on('will-redirect', refuse('redirect'));
  contents.setWindowOpenHandler(({ url }) => (mayOpenWindow(url) ? { action: 'allow' } : { action: 'deny' }));
  contents.on('will-attach-webview', (event) => {
    if (!mayAttachWebview()) event.preventDefault();
  });
  contents.on('before-input-event', (event, input) => {
    const blocked = blockedShortcut(input);
    if (blocked) event.preventDefault();
  });
  contents.on('did-finish-load', () => {
    contents.setVisualZoomLevelLimits(ZOOM_LIMITS.min, ZOOM_LIMITS.max).catch(() => undefined);
    contents.setZoomFactor(1);
  });
  contents.on('zoom-changed', () => contents.setZoomFactor(1));
}

/** Must be installed before the first window exists. */
export function guardEveryWebContents(log: Logger): void {
  app.on('web-contents-created', (_event, contents) => guardContents(contents, log));
}
