// The camera is the kiosk's only permission, and only for its own page. Electron grants every
// permission unless a handler says otherwise, so all three handlers (request, check, device) are
// installed from these decisions.
import { isAppOrigin, isAppUrl } from './origin.js';

export interface PermissionRequest {
  permission: string;
  /** URL of the frame asking (details.requestingUrl). */
  requestingUrl: string | undefined;
  /** Whether the request comes from the main frame (details.isMainFrame). */
  isMainFrame: boolean;
  /** For 'media': what is asked for (details.mediaTypes). */
  mediaTypes?: readonly string[];
}

export function grantPermissionRequest(req: PermissionRequest): boolean {
  if (req.permission !== 'media') return false;
  if (!req.isMainFrame || !isAppUrl(req.requestingUrl)) return false;
  const types = req.mediaTypes ?? [];
  return types.length > 0 && types.every((t) => t === 'video');
}

export interface PermissionCheck {
  permission: string;
  /** Origin Chromium checks for (requestingOrigin argument). */
  requestingOrigin: string | undefined;
  /** details.requestingUrl where present. */
  requestingUrl?: string;
  /** For 'media': details.mediaType. */
  mediaType?: string;
}

export function grantPermissionCheck(check: PermissionCheck): boolean {
  if (check.permission !== 'media') return false;
  if (check.mediaType !== undefined && check.mediaType !== 'video') return false;
  if (check.requestingUrl !== undefined && !isAppUrl(check.requestingUrl)) return false;
  return isAppOrigin(check.requestingOrigin);
}

/** HID, serial and USB devices: never (setDevicePermissionHandler, select-*-device). */
export function grantDevicePermission(_deviceType: string): false {
  return false;
}

/** Screen capture: never (setDisplayMediaRequestHandler). */
export function grantDisplayMedia(): false {
  return false;
}
