// Which page this is: the kiosk screen (its admin screen opens over it as an overlay) or a desk
// browser that the office opened straight at /#admin. Only the kiosk screen reports heartbeats: a desk
// page that closes is not a kiosk screen gone stale, and its paused camera is not the kiosk's.
// The answer is kept for the tab (sessionStorage), so a kiosk page that reloads with its admin screen
// open (the watchdog's reload keeps the address) is still the kiosk.
export type PageRole = 'kiosk' | 'desk';

const KEY = 'rollcall.pageRole';

export function pageRole(hash: string, tab: Pick<Storage, 'getItem' | 'setItem'> | null): PageRole {
  const kept = tab?.getItem(KEY);
  if (kept === 'kiosk' || kept === 'desk') return kept;
  const role: PageRole = hash === '#admin' ? 'desk' : 'kiosk';
  try {
    tab?.setItem(KEY, role);
  } catch {
    // Storage refused (private mode, full): the address alone decides, as it did on this load.
  }
  return role;
}

/** The tab's session storage, or null where the browser refuses it. */
export function tabStorage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}
