// The kiosk window: full screen, locked down, and the camera as its only permission. The options
// and the checks are core/shell-policy's; this file creates the window and proves the page it
// loaded has no Node in it.
import { BrowserWindow, Menu } from 'electron';
import { APP_START_URL } from '../core/shell-policy/origin.js';
import { hardeningProblems, kioskWindowOptions } from '../core/shell-policy/kiosk-window.js';
import type { Logger } from '../core/log.js';

export interface KioskWindowDeps {
  preload: string;
  production: boolean;
  log: Logger;
  /** Called when the page turns out not to be isolated; the kiosk must not run like that. */
  onUnsafe(problems: string[]): void;
}

export function createKioskWindow(deps: KioskWindowDeps): BrowserWindow {
  const options = kioskWindowOptions({ preload: deps.preload, production: deps.production });
  const problems = hardeningProblems(options.webPreferences, deps.production);
  if (problems.length) throw new Error(`kiosk window is not locked down: ${problems.join(', ')}`);
  Menu.setApplicationMenu(null);
  const win = new BrowserWindow(options);
  win.setMenu(null);
  win.once('ready-to-show', () => win.show());
  win.webContents.on('did-finish-load', () => {
    // Context isolation and the sandbox, checked from inside: the page's own world must see
    // neither require nor process.
    win.webContents
      .executeJavaScript('[typeof require, typeof process, typeof module].join(",")', false)
      .then((seen: string) => {
        if (seen !== 'undefined,undefined,undefined') deps.onUnsafe([`the page can reach Node (${seen})`]);
      })
      .catch((e: Error) => deps.log.warn('isolation check failed', { error: e.message }));
  });
  void win.loadURL(APP_START_URL);
  return win;
}
