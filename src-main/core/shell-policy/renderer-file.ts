// Which built renderer file a request path names, the same for both hosts (Electron's app:// scheme
// and the serve host). Browsers ask for /favicon.ico on their own; the app's icon is assets/icon.svg
// (copied into the build), so that request gets it instead of a 404.
const ALIASES: Record<string, string> = {
  '/': 'index.html',
  '/favicon.ico': 'icon.svg',
};

/** The path relative to the renderer folder; the caller still checks it stays inside that folder. */
export function rendererFile(pathname: string): string {
  return ALIASES[pathname] ?? decodeURIComponent(pathname.slice(1));
}
