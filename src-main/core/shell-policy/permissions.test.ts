import { test } from 'node:test';
import assert from 'node:assert/strict';
import { grantDevicePermission, grantDisplayMedia, grantPermissionCheck, grantPermissionRequest } from './permissions.js';

const page = 'app://kiosk/index.html';

test('the kiosk page may ask for the camera and nothing else', () => {
  const table: [Parameters<typeof grantPermissionRequest>[0], boolean, string][] = [
    [{ permission: 'media', requestingUrl: page, isMainFrame: true, mediaTypes: ['video'] }, true, 'camera'],
    [{ permission: 'media', requestingUrl: page, isMainFrame: true, mediaTypes: ['audio'] }, false, 'microphone'],
    [{ permission: 'media', requestingUrl: page, isMainFrame: true, mediaTypes: ['video', 'audio'] }, false, 'camera with microphone'],
    [{ permission: 'media', requestingUrl: page, isMainFrame: true, mediaTypes: [] }, false, 'media without types'],
    [{ permission: 'media', requestingUrl: page, isMainFrame: true }, false, 'media types missing'],
    [{ permission: 'media', requestingUrl: page, isMainFrame: false, mediaTypes: ['video'] }, false, 'camera from a sub-frame'],
    [{ permission: 'media', requestingUrl: 'https://example.org/', isMainFrame: true, mediaTypes: ['video'] }, false, 'camera for a foreign page'],
    [{ permission: 'media', requestingUrl: undefined, isMainFrame: true, mediaTypes: ['video'] }, false, 'camera without a requesting URL'],
    [{ permission: 'geolocation', requestingUrl: page, isMainFrame: true }, false, 'geolocation'],
    [{ permission: 'notifications', requestingUrl: page, isMainFrame: true }, false, 'notifications'],
    [{ permission: 'clipboard-read', requestingUrl: page, isMainFrame: true }, false, 'clipboard'],
    [{ permission: 'display-capture', requestingUrl: page, isMainFrame: true }, false, 'screen capture'],
    [{ permission: 'fullscreen', requestingUrl: page, isMainFrame: true }, false, 'fullscreen (the window already is)'],
    [{ permission: 'openExternal', requestingUrl: page, isMainFrame: true }, false, 'open external'],
    [{ permission: 'hid', requestingUrl: page, isMainFrame: true }, false, 'HID'],
  ];
  for (const [req, expected, what] of table) assert.equal(grantPermissionRequest(req), expected, what);
});

test('permission checks answer yes only for the camera on the kiosk origin', () => {
  const table: [Parameters<typeof grantPermissionCheck>[0], boolean, string][] = [
    [{ permission: 'media', requestingOrigin: 'app://kiosk', mediaType: 'video' }, true, 'camera'],
    [{ permission: 'media', requestingOrigin: 'app://kiosk', mediaType: 'video', requestingUrl: page }, true, 'camera with URL'],
    [{ permission: 'media', requestingOrigin: 'app://kiosk' }, true, 'media device enumeration'],
    [{ permission: 'media', requestingOrigin: 'app://kiosk', mediaType: 'audio' }, false, 'microphone'],
    [{ permission: 'media', requestingOrigin: 'app://kiosk', mediaType: 'unknown' }, false, 'unknown media'],
    [{ permission: 'media', requestingOrigin: 'https://example.org', mediaType: 'video' }, false, 'foreign origin'],
    [{ permission: 'media', requestingOrigin: 'app://kiosk', mediaType: 'video', requestingUrl: 'https://example.org/' }, false, 'foreign frame'],
    [{ permission: 'geolocation', requestingOrigin: 'app://kiosk' }, false, 'geolocation'],
    [{ permission: 'serial', requestingOrigin: 'app://kiosk' }, false, 'serial'],
    [{ permission: 'media', requestingOrigin: undefined, mediaType: 'video' }, false, 'no origin'],
  ];
  for (const [check, expected, what] of table) assert.equal(grantPermissionCheck(check), expected, what);
});

test('devices and screen capture are never granted', () => {
  for (const t of ['hid', 'serial', 'usb']) assert.equal(grantDevicePermission(t), false, t);
  assert.equal(grantDisplayMedia(), false);
});
