// A self-contained printable HTML page (inline CSS, no scripts, no outside resources) for receipts,
// access exports and the privacy pack: readable on screen, clean on A4 or Letter paper.

export function escapeHtml(s: string | number | null | undefined): string {
  return String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0]!;
  values.forEach((v, i) => {
    const part = Array.isArray(v) ? v.map((x) => (x instanceof Html ? x.value : escapeHtml(x as string))).join('') : v instanceof Html ? v.value : escapeHtml(v as string);
    out += part + strings[i + 1]!;
  });
  return new Html(out);
}

const STYLE = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { font: 11pt/1.45 system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; color: #1a1a1a; margin: 0; background: #eef0f3; }
  main { max-width: 210mm; margin: 0 auto; }
  .sheet { background: #fff; padding: 18mm 18mm 16mm; margin: 10mm auto; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  header.doc { display: flex; justify-content: space-between; align-items: baseline; border-bottom: 2px solid #1a1a1a; padding-bottom: 3mm; margin-bottom: 6mm; }
  header.doc .school { font-weight: 700; font-size: 13pt; }
  header.doc .meta { color: #555; font-size: 9pt; text-align: right; }
  h1 { font-size: 18pt; margin: 0 0 4mm; }
  h2 { font-size: 13pt; margin: 7mm 0 2mm; border-bottom: 1px solid #ccc; padding-bottom: 1mm; }
  h3 { font-size: 11pt; margin: 5mm 0 1mm; }
  p, ul, ol { margin: 0 0 3mm; }
  li { margin-bottom: 1mm; }
  table { width: 100%; border-collapse: collapse; margin: 2mm 0 4mm; font-size: 10pt; }
  th, td { text-align: left; vertical-align: top; padding: 1.6mm 2mm; border-bottom: 1px solid #ddd; }
  th { background: #f3f4f6; font-weight: 600; }
  dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 1.5mm 6mm; margin: 0 0 4mm; }
  dl.facts dt { color: #555; }
  dl.facts dd { margin: 0; font-weight: 600; }
  .note { background: #f6f7f9; border-left: 3px solid #6b7280; padding: 2.5mm 4mm; margin: 3mm 0; }
  .warn { background: #fff7e6; border-left-color: #b45309; }
  .sign { display: grid; grid-template-columns: 1fr 1fr; gap: 8mm 10mm; margin-top: 8mm; }
  .sign div { border-top: 1px solid #1a1a1a; padding-top: 1.5mm; font-size: 9pt; color: #444; min-height: 12mm; }
  .box { display: inline-block; width: 4mm; height: 4mm; border: 1px solid #1a1a1a; margin-right: 2mm; vertical-align: -0.6mm; }
  .choice { margin: 2mm 0; }
  .muted { color: #666; }
  footer.doc { margin-top: 8mm; font-size: 8.5pt; color: #666; border-top: 1px solid #ddd; padding-top: 2mm; }
  @page { size: A4; margin: 14mm; }
  @media print {
    body { background: #fff; font-size: 10pt; line-height: 1.4; }
    h1 { font-size: 16pt; }
    h2 { margin: 5mm 0 1.5mm; }
    li { margin-bottom: 0.5mm; }
    .sheet { box-shadow: none; margin: 0; padding: 0; max-width: none; }
    .sheet + .sheet { break-before: page; }
    h2, h3 { break-after: avoid; }
    tr, .sign, .note { break-inside: avoid; }
    thead { display: table-header-group; }
  }
`;

export function printPage(opts: { title: string; sheets: Html[] }): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${opts.sheets.map((s) => `<section class="sheet">${s.value}</section>`).join('\n')}
</main>
</body>
</html>
`;
}

export function docHeader(school: string, meta: string): Html {
  return html`<header class="doc"><span class="school">${school}</span><span class="meta">${meta}</span></header>`;
}
