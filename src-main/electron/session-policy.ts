// Installs the camera-only permission handlers and the own-origin request filter on the session the
// kiosk page uses. Decisions come from core/shell-policy; this file only adapts Electron's shapes.
import { type Session } from 'electron';
import { grantDevicePermission, grantDisplayMedia, grantPermissionCheck, grantPermissionRequest } from '../core/shell-policy/permissions.js';
import { allowRequest } from '../core/shell-policy/request-filter.js';
import type { Logger } from '../core/log.js';

export function restrictSession(s: Session, opts: { devTools: boolean; log: Logger }): void {
  // Clear first so nothing granted by an earlier handler survives (Signal does the same).
  s.setPermissionRequestHandler(null);
  s.setPermissionRequestHandler((_contents, permission, callback, details) => {
    const granted = grantPermissionRequest({
      permission,
      requestingUrl: details.requestingUrl,
      isMainFrame: details.isMainFrame,
      mediaTypes: 'mediaTypes' in details ? details.mediaTypes : undefined,
    });
    if (!granted) opts.log.warn('permission refused', { permission });
    callback(granted);
  });
  s.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    grantPermissionCheck({ permission, requestingOrigin, requestingUrl: details.requestingUrl, mediaType: details.mediaType }),
  );
  s.setDevicePermissionHandler((details) => grantDevicePermission(details.deviceType));
  s.setDisplayMediaRequestHandler((_request, callback) => {
    if (!grantDisplayMedia()) callback(null);
  });
  s.on('select-hid-device', (event, _details, callback) => { event.preventDefault(); callback(null); });
  s.on('select-usb-device', (event, _details, callback) => { event.preventDefault(); callback(); });
  s.on('select-serial-port', (event, _ports, _contents, callback) => { event.preventDefault(); callback(''); });
  s.on('will-download', (event) => event.preventDefault());
  s.webRequest.onBeforeRequest((details, callback) => {
    const allowed = allowRequest(details.url, { devTools: opts.devTools });
    if (!allowed) opts.log.warn('request blocked', { scheme: details.url.split(':')[0], resourceType: details.resourceType });
    callback({ cancel: !allowed });
  });
}
