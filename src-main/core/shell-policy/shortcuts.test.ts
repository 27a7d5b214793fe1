import { test } from 'node:test';
import assert from 'node:assert/strict';
import { blockedShortcut, type KeyInput } from './shortcuts.js';

const key = (code: string, keyName: string, mods: Partial<KeyInput> = {}): KeyInput => ({
  type: 'keyDown', code, key: keyName, control: false, meta: false, alt: false, shift: false, ...mods,
});

test('shortcuts that leave the kiosk page are blocked', () => {
  const table: [KeyInput, string, string][] = [
    [key('KeyR', 'r', { control: true }), 'reload', 'Ctrl+R'],
    [key('KeyR', 'R', { control: true, shift: true }), 'reload', 'Ctrl+Shift+R'],
    [key('KeyR', 'r', { meta: true }), 'reload', 'Cmd+R'],
    [key('F5', 'F5'), 'reload', 'F5'],
    [key('F5', 'F5', { control: true }), 'reload', 'Ctrl+F5'],
    [key('F12', 'F12'), 'devtools', 'F12'],
    [key('KeyI', 'I', { control: true, shift: true }), 'devtools', 'Ctrl+Shift+I'],
    [key('KeyJ', 'J', { control: true, shift: true }), 'devtools', 'Ctrl+Shift+J'],
    [key('KeyC', 'C', { control: true, shift: true }), 'devtools', 'Ctrl+Shift+C'],
    [key('KeyI', 'i', { meta: true, alt: true }), 'devtools', 'Cmd+Alt+I'],
    [key('KeyU', 'u', { control: true }), 'devtools', 'Ctrl+U (view source)'],
    [key('KeyW', 'w', { control: true }), 'close', 'Ctrl+W'],
    [key('KeyQ', 'q', { control: true }), 'close', 'Ctrl+Q'],
    [key('KeyQ', 'q', { meta: true }), 'close', 'Cmd+Q'],
    [key('F4', 'F4', { alt: true }), 'close', 'Alt+F4'],
    [key('F4', 'F4', { control: true }), 'close', 'Ctrl+F4'],
    [key('Equal', '=', { control: true }), 'zoom', 'Ctrl+='],
    [key('Equal', '+', { control: true, shift: true }), 'zoom', 'Ctrl++'],
    [key('Minus', '-', { control: true }), 'zoom', 'Ctrl+-'],
    [key('Digit0', '0', { control: true }), 'zoom', 'Ctrl+0'],
    [key('NumpadAdd', '+', { control: true }), 'zoom', 'Ctrl+numpad +'],
    [key('KeyP', 'p', { control: true }), 'print', 'Ctrl+P'],
    [key('PrintScreen', 'PrintScreen'), 'print', 'Print Screen'],
    [key('KeyS', 's', { control: true }), 'file', 'Ctrl+S'],
    [key('KeyO', 'o', { control: true }), 'file', 'Ctrl+O'],
    [key('KeyN', 'n', { control: true }), 'window', 'Ctrl+N'],
    [key('KeyT', 't', { control: true }), 'window', 'Ctrl+T'],
    [key('ArrowLeft', 'ArrowLeft', { alt: true }), 'history', 'Alt+Left'],
    [key('BrowserBack', 'BrowserBack'), 'history', 'Back key'],
    [key('F11', 'F11'), 'fullscreen', 'F11'],
    [key('KeyR', 'к', { control: true }), 'reload', 'Ctrl+R on a Cyrillic layout'],
  ];
  for (const [input, expected, what] of table) assert.equal(blockedShortcut(input), expected, what);
});

test('typing a PIN, a student number or a name passes', () => {
  const table: [KeyInput, string][] = [
    [key('Digit1', '1'), '1'],
    [key('Digit0', '0'), '0 (not zoom without Ctrl)'],
    [key('KeyR', 'r'), 'r'],
    [key('KeyR', 'R', { shift: true }), 'R'],
    [key('Minus', '-'), 'hyphen in a student number'],
    [key('Enter', 'Enter'), 'Enter'],
    [key('Backspace', 'Backspace'), 'Backspace'],
    [key('Escape', 'Escape'), 'Escape'],
    [key('KeyA', 'a', { control: true }), 'Ctrl+A (select all)'],
    [key('KeyC', 'c', { control: true }), 'Ctrl+C'],
    [key('KeyV', 'v', { control: true }), 'Ctrl+V'],
    [key('KeyE', '€', { control: true, alt: true }), 'AltGr+E (euro sign)'],
    [key('ArrowLeft', 'ArrowLeft'), 'cursor left'],
  ];
  for (const [input, what] of table) assert.equal(blockedShortcut(input), null, what);
});

test('only key presses are judged, not key releases', () => {
  assert.equal(blockedShortcut({ ...key('F5', 'F5'), type: 'keyUp' }), null);
  assert.equal(blockedShortcut({ ...key('F5', 'F5'), type: 'rawKeyDown' }), 'reload');
});
