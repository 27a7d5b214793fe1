// Keys that would take a kiosk out of its page: reload, DevTools, close and quit, zoom, print,
// save/open, new window or tab, history navigation and full-screen toggle. They are dropped in
// before-input-event, before Chromium or a menu accelerator sees them; ordinary typing passes.
export interface KeyInput {
  type: string;
  key: string;
  /** Physical key (KeyboardEvent.code), unaffected by layout and Shift. */
  code: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

export type BlockedShortcut = 'reload' | 'devtools' | 'close' | 'zoom' | 'print' | 'file' | 'window' | 'history' | 'fullscreen';

const commandLetters: Record<string, BlockedShortcut> = {
  KeyR: 'reload',
  KeyW: 'close',
  KeyQ: 'close',
  KeyP: 'print',
  KeyS: 'file',
  KeyO: 'file',
  KeyN: 'window',
  KeyT: 'window',
  KeyU: 'devtools',
  KeyH: 'history',
  KeyL: 'window',
};

const zoomKeys = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);

/** Which kiosk-breaking shortcut this key press is, or null when it may pass. */
export function blockedShortcut(input: KeyInput): BlockedShortcut | null {
  if (input.type !== 'keyDown' && input.type !== 'rawKeyDown') return null;
  const command = input.control || input.meta;
  const key = input.key;

  if (key === 'F5' || key === 'BrowserRefresh') return 'reload';
  if (key === 'F12') return 'devtools';
  if (key === 'F11') return 'fullscreen';
  if (key === 'BrowserBack' || key === 'BrowserForward') return 'history';
  if (input.alt && (input.code === 'F4' || key === 'F4')) return 'close';
  if (input.alt && (key === 'ArrowLeft' || key === 'ArrowRight' || key === 'Home')) return 'history';
  if (key === 'Print' || key === 'PrintScreen') return 'print';
  if (!command) return null;

  if (input.shift && (input.code === 'KeyI' || input.code === 'KeyJ' || input.code === 'KeyC')) return 'devtools';
  if (input.meta && input.alt && (input.code === 'KeyI' || input.code === 'KeyJ')) return 'devtools';
  if (input.code === 'F4' || key === 'F4') return 'close';
  if (zoomKeys.has(input.code) || key === '+' || key === '-' || key === '=') return 'zoom';
  if (input.code === 'F5') return 'reload';
  return commandLetters[input.code] ?? null;
}
