// The kiosk's one origin. Every shell policy (navigation, permissions, request filter, IPC senders)
// names it, so it is parsed here once instead of compared as a string prefix in five places, where
// `app://kiosk.evil/` or `app://kiosk@evil/` would slip past a careless `startsWith`.
export const APP_SCHEME = 'app';
export const APP_HOST = 'kiosk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_START_URL = `${APP_ORIGIN}/index.html`;

// Chromium lower-cases the host of a standard scheme; Node's URL does not for unknown schemes.
function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True for a URL on the kiosk's own origin (any path), and nothing else. */
export function isAppUrl(url: string | null | undefined): boolean {
  if (!url) return false;
  const u = parse(url);
  return u !== null && u.protocol === `${APP_SCHEME}:` && u.hostname.toLowerCase() === APP_HOST && u.port === '' && u.username === '' && u.password === '';
}

/** True for the origin string Chromium reports for permission checks (`app://kiosk`, no path). */
export function isAppOrigin(origin: string | null | undefined): boolean {
  if (!origin) return false;
  return origin === APP_ORIGIN || origin === `${APP_ORIGIN}/` || (isAppUrl(origin) && parse(origin)!.pathname === '/');
}
