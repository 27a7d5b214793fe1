import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAppOrigin, isAppUrl } from './origin.js';

test('only URLs on app://kiosk count as the kiosk page', () => {
  const table: [string | undefined, boolean][] = [
    ['app://kiosk/index.html', true],
    ['app://kiosk/', true],
    ['app://kiosk/assets/app.js?x=1#y', true],
    ['APP://KIOSK/index.html', true],
    ['app://kiosk.evil/index.html', false],
    ['app://kiosk@evil/index.html', false],
    ['app://user:pw@kiosk/index.html', false],
    ['app://kiosk:8080/index.html', false],
    ['app://other/index.html', false],
    ['http://kiosk/index.html', false],
    ['file:///opt/rollcall/index.html', false],
    ['https://example.org/', false],
    ['not a url', false],
    ['', false],
    [undefined, false],
  ];
  for (const [url, expected] of table) assert.equal(isAppUrl(url), expected, String(url));
});

test('the permission origin is the bare app://kiosk origin', () => {
  assert.equal(isAppOrigin('app://kiosk'), true);
  assert.equal(isAppOrigin('app://kiosk/'), true);
  assert.equal(isAppOrigin('app://kiosk/index.html'), false);
  assert.equal(isAppOrigin('http://127.0.0.1:8787'), false);
  assert.equal(isAppOrigin(''), false);
});
