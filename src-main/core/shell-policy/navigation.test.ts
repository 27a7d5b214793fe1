import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayAttachWebview, mayNavigate, mayOpenWindow } from './navigation.js';

test('the kiosk navigates within its own page and nowhere else', () => {
  const table: [string, boolean][] = [
    ['app://kiosk/index.html', true],
    ['app://kiosk/index.html#admin', true],
    ['app://kiosk/out-of-order.html', true],
    ['https://example.org/', false],
    ['http://127.0.0.1:8080/health', false],
    ['file:///etc/passwd', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<h1>x</h1>', false],
    ['chrome://settings', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['app://kiosk.evil/index.html', false],
  ];
  for (const [url, expected] of table) assert.equal(mayNavigate(url), expected, url);
});

test('no new window and no webview is ever created, even for the kiosk origin', () => {
  for (const url of ['app://kiosk/index.html', 'https://example.org/', 'about:blank']) assert.equal(mayOpenWindow(url), false, url);
  assert.equal(mayAttachWebview(), false);
});
