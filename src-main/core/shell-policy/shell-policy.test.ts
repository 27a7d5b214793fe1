import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hardeningProblems, kioskWindowOptions } from './kiosk-window.js';
import { isTrustedSender } from './ipc-sender.js';
import { autostartPlan } from './autostart.js';
import { relaunchPlan } from './relaunch.js';
import { outOfOrderPage } from './out-of-order-page.js';

test('the production kiosk window is full screen, frameless, sandboxed and without DevTools', () => {
  const o = kioskWindowOptions({ preload: '/app/preload.cjs', production: true });
  assert.equal(o.kiosk, true);
  assert.equal(o.fullscreen, true);
  assert.equal(o.frame, false);
  assert.equal(o.webPreferences.devTools, false);
  assert.equal(o.webPreferences.sandbox, true);
  assert.equal(o.webPreferences.contextIsolation, true);
  assert.equal(o.webPreferences.nodeIntegration, false);
  assert.equal(o.webPreferences.backgroundThrottling, false);
  assert.equal(o.webPreferences.webviewTag, false);
  assert.deepEqual(hardeningProblems(o.webPreferences, true), []);
});

test('a development window keeps DevTools and is otherwise just as locked down', () => {
  const o = kioskWindowOptions({ preload: '/app/preload.cjs', production: false });
  assert.equal(o.webPreferences.devTools, true);
  assert.deepEqual(hardeningProblems(o.webPreferences, false), []);
});

test('a window whose applied preferences were loosened is reported, naming each problem', () => {
  assert.deepEqual(hardeningProblems({ contextIsolation: false, sandbox: false, nodeIntegration: true, devTools: true }, true), [
    'contextIsolation is off',
    'sandbox is off',
    'nodeIntegration is on',
    'DevTools are enabled in a production build',
  ]);
  assert.deepEqual(hardeningProblems(null, true), ['web preferences are not available']);
  assert.deepEqual(hardeningProblems({ contextIsolation: true, sandbox: true, webviewTag: true }, false), ['webviewTag is on']);
});

test('IPC is accepted only from the kiosk page in its main frame', () => {
  const table: [Parameters<typeof isTrustedSender>[0], boolean, string][] = [
    [{ url: 'app://kiosk/index.html', isMainFrame: true }, true, 'kiosk page'],
    [{ url: 'app://kiosk/index.html#admin', isMainFrame: true }, true, 'admin screen'],
    [{ url: 'app://kiosk/index.html', isMainFrame: false }, false, 'iframe on the kiosk origin'],
    [{ url: 'https://example.org/', isMainFrame: true }, false, 'foreign page'],
    [{ url: 'app://kiosk.evil/index.html', isMainFrame: true }, false, 'look-alike host'],
    [{ url: undefined, isMainFrame: true }, false, 'destroyed frame'],
    [null, false, 'no frame'],
  ];
  for (const [sender, expected, what] of table) assert.equal(isTrustedSender(sender), expected, what);
});

test('an installed Windows kiosk registers a login item; Linux relies on the systemd user unit', () => {
  assert.deepEqual(autostartPlan({ platform: 'win32', packaged: true, enabled: true, execPath: 'C:\\Rollcall\\Rollcall.exe' }), {
    kind: 'login-item', settings: { openAtLogin: true, path: 'C:\\Rollcall\\Rollcall.exe', args: [] },
  });
  assert.deepEqual(autostartPlan({ platform: 'win32', packaged: true, enabled: false, execPath: 'C:\\Rollcall\\Rollcall.exe' }), {
    kind: 'login-item', settings: { openAtLogin: false, path: 'C:\\Rollcall\\Rollcall.exe', args: [] },
  });
  assert.deepEqual(autostartPlan({ platform: 'linux', packaged: true, enabled: true, execPath: '/opt/rollcall/rollcall' }), { kind: 'systemd', unit: 'rollcall-kiosk.service' });
  assert.equal(autostartPlan({ platform: 'win32', packaged: false, enabled: true, execPath: 'electron.exe' }).kind, 'none');
  assert.equal(autostartPlan({ platform: 'darwin', packaged: true, enabled: true, execPath: '/Applications/Rollcall.app' }).kind, 'none');
});

test('under systemd the kiosk exits for the unit to restart it; elsewhere it relaunches itself', () => {
  assert.deepEqual(relaunchPlan({ INVOCATION_ID: 'abc' }), { kind: 'exit-for-supervisor', exitCode: 75 });
  assert.deepEqual(relaunchPlan({ NOTIFY_SOCKET: '/run/user/1000/systemd/notify' }), { kind: 'exit-for-supervisor', exitCode: 75 });
  assert.deepEqual(relaunchPlan({}), { kind: 'relaunch' });
});

test('the out-of-order page sends students to the office and carries no script', () => {
  const html = outOfOrderPage('Hill <Primary>');
  assert.match(html, /check in at the Hill &#60;Primary&#62; office/);
  assert.doesNotMatch(html, /<script/i);
});
