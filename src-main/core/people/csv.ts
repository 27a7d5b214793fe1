// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; a UTF-8 BOM is dropped.
// Records whose cells are all empty or spaces are skipped: spreadsheets save rows that once held
// something as ",,,,," and nobody can find them to delete.
export interface CsvTable {
  header: string[];
  /** Each row with the 1-based line number it started on, for error messages. */
  rows: Array<{ line: number; cells: string[] }>;
}

export class CsvError extends Error {}

export function parseCsv(text: string): CsvTable {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const unreadable = src.indexOf('\uFFFD');
  if (unreadable >= 0) {
    // U+FFFD is what a UTF-8 decoder leaves for bytes it could not read: storing it would text parents "Jos\uFFFD".
    const at = src.slice(0, unreadable).split('\n').length;
    throw new CsvError(
      `Line ${at}: the file is not in UTF-8 encoding (some letters cannot be read). Save it from the spreadsheet as "CSV UTF-8" and import it again`,
    );
  }
  const records: Array<{ line: number; cells: string[] }> = [];
  let cells: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  let i = 0;
  const endField = () => { cells.push(field); field = ''; };
  const endRecord = () => {
    endField();
    if (cells.some((c) => c.trim() !== '')) records.push({ line: recordLine, cells });
    cells = [];
  };
  while (i < src.length) {
    const c = src[i]!;
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i++; continue;
      }
      if (c === '\n') line++;
      field += c; i++; continue;
    }
    if (c === '"') {
      if (field !== '') throw new CsvError(`Line ${line}: a quote may only start a field`);
      quoted = true; i++; continue;
    }
    if (c === ',') { endField(); i++; continue; }
    if (c === '\r' || c === '\n') {
      endRecord();
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += c; i++;
  }
  if (quoted) throw new CsvError(`Line ${recordLine}: a quoted field is not closed`);
  if (field !== '' || cells.length > 0) endRecord();
  const [head, ...rows] = records;
  if (!head) throw new CsvError('The file is empty');
  return { header: head.cells.map((h) => h.trim().toLowerCase()), rows };
}

export function toCsvLine(values: Array<string | number | null>): string {
  return values
    .map((v) => {
      const s = v === null ? '' : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(',');
}
