// The kiosk's page talks to its own origin only. session.webRequest.onBeforeRequest cancels every
// other request, so a compromised or buggy page cannot reach the school network or the internet.
// The updater does not go through this session: electron-updater fetches with its own partition.
import { isAppUrl } from './origin.js';

export interface RequestFilterOptions {
  /** DevTools loads its own front end from devtools://; allowed only where DevTools is. */
  devTools: boolean;
}

export function allowRequest(url: string, opts: RequestFilterOptions): boolean {
  if (isAppUrl(url)) return true;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  // data: and blob: never leave the process; blob: URLs must belong to the kiosk's own origin.
  if (u.protocol === 'data:') return true;
  if (u.protocol === 'blob:') return isAppUrl(url.slice('blob:'.length));
  if (u.protocol === 'devtools:') return opts.devTools;
  return false;
}
