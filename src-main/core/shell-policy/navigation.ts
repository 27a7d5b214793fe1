// Where a webContents may go. The kiosk has one page on one origin; any navigation away from it
// (a link, a redirect, a dropped file, a script setting location) is refused, new windows and
// <webview> are never created.
import { isAppUrl } from './origin.js';

export type NavigationKind = 'navigate' | 'frame-navigate' | 'redirect';

export function mayNavigate(url: string): boolean {
  return isAppUrl(url);
}

/** setWindowOpenHandler: the kiosk never opens a window, whatever the URL. */
export function mayOpenWindow(_url: string): false {
  return false;
}

/** will-attach-webview: no embedded guest pages. */
export function mayAttachWebview(): false {
  return false;
}
