// Hands text to the browser as a file download (Electron passes it to its save dialog).
export function downloadText(filename: string, parts: BlobPart[], type: string): void {
  const url = URL.createObjectURL(new Blob(parts, { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A UTF-8 byte order mark goes first so spreadsheet programs read accented names instead of guessing an encoding. */
export function downloadCsv(filename: string, csv: string): void {
  downloadText(filename, ['\ufeff', csv], 'text/csv');
}
