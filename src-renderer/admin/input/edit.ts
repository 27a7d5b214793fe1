// What a key press does to a field's text, given where the caret is. Pure, so the on-screen keyboard
// edits exactly as a physical one would (insert at the caret, replace a selection, delete backwards).

export interface Edit {
  value: string;
  caret: number;
}

export function insertText(value: string, start: number, end: number, text: string, maxLength?: number): Edit {
  const room = maxLength === undefined ? Infinity : maxLength - (value.length - (end - start));
  const piece = text.slice(0, Math.max(0, room));
  return { value: value.slice(0, start) + piece + value.slice(end), caret: start + piece.length };
}

export function deleteBackward(value: string, start: number, end: number): Edit {
  if (start !== end) return { value: value.slice(0, start) + value.slice(end), caret: start };
  if (start === 0) return { value, caret: 0 };
  return { value: value.slice(0, start - 1) + value.slice(start), caret: start - 1 };
}
