import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowRequest } from './request-filter.js';

test('the page may load from its own origin and nothing on the network', () => {
  const production = { devTools: false };
  const table: [string, boolean][] = [
    ['app://kiosk/index.html', true],
    ['app://kiosk/models/blaze_face_short_range.tflite', true],
    ['app://kiosk/wasm/vision_wasm_internal.wasm', true],
    ['data:image/png;base64,iVBORw0KGgo=', true],
    ['blob:app://kiosk/6f1c1e1c-9d6b-4b39-8d1f-1b6a2f1c5a0e', true],
    ['blob:https://example.org/6f1c1e1c', false],
    ['https://cdn.jsdelivr.net/npm/@mediapipe/tasks-vision/wasm/x.wasm', false],
    ['http://127.0.0.1:8080/health', false],
    ['http://192.168.1.20:8080/message', false],
    ['ws://127.0.0.1:9229/', false],
    ['file:///etc/passwd', false],
    ['app://kiosk.evil/index.html', false],
    ['app://other/index.html', false],
    ['chrome-extension://abc/page.html', false],
    ['devtools://devtools/bundled/inspector.html', false],
    ['not a url', false],
  ];
  for (const [url, expected] of table) assert.equal(allowRequest(url, production), expected, url);
});

test('DevTools may load their own front end only in a development build', () => {
  assert.equal(allowRequest('devtools://devtools/bundled/inspector.html', { devTools: true }), true);
  assert.equal(allowRequest('https://example.org/', { devTools: true }), false);
});
