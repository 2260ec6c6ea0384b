import type { Pdf } from './pdf-document';
import type { FontName } from './fonts';

/**
 * Small drawing helpers shared by the PDF documents: bordered tables that break across pages,
 * label/value grids, signature lines. Positions are explicit (x, y in points); each helper returns
 * the y below what it drew so callers stack blocks without relying on pdfkit's text cursor.
 */

/** Printable area of the current page. */
export function contentBox(doc: Pdf): { left: number; right: number; top: number; bottom: number; width: number } {
  const { margins, width, height } = doc.page;
  return {
    left: margins.left,
    right: width - margins.right,
    top: margins.top,
    bottom: height - margins.bottom,
    width: width - margins.left - margins.right,
  };
}

/** Font (registered name), size in points and fill colour for a piece of text. */
export interface TextStyle {
  font?: FontName;
  size?: number;
  color?: string;
}

/** Set font, size and colour in one call. */
export function style(doc: Pdf, s: TextStyle): Pdf {
  return doc
    .font(s.font ?? 'regular')
    .fontSize(s.size ?? 10)
    .fillColor(s.color ?? 'black');
}

/** Centred line(s) across `width` from `x`; returns the y below. */
export function centredText(doc: Pdf, text: string, x: number, y: number, width: number, s: TextStyle = {}): number {
  style(doc, s);
  const h = doc.heightOfString(text, { width });
  doc.text(text, x, y, { width, align: 'center' });
  return y + h;
}

/** Wrapped paragraph; returns the y below. */
export function paragraph(
  doc: Pdf,
  text: string,
  x: number,
  y: number,
  width: number,
  s: TextStyle & { lineGap?: number; align?: 'left' | 'center' | 'right' | 'justify' } = {},
): number {
  style(doc, s);
  const opts = { width, lineGap: s.lineGap ?? 1, align: s.align ?? 'left' };
  const h = doc.heightOfString(text, opts);
  doc.text(text, x, y, opts);
  return y + h;
}

/** One table column: header text, width in points, cell alignment. */
export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'center' | 'right';
}

/** A table at (x, y): columns, rows of cell text, sizes; see `drawTable`. */
export interface TableSpec {
  x: number;
  y: number;
  columns: TableColumn[];
  rows: string[][];
  fontSize?: number;
  padding?: number;
  minRowHeight?: number;
  /** Row indexes printed bold (totals). */
  boldRows?: ReadonlySet<number>;
  /** No header row (label/value grids). */
  noHeader?: boolean;
  /** Called after a page break to draw a continuation heading; returns the y to continue at. */
  onPageBreak?: (doc: Pdf) => number;
}

interface TableMetrics {
  size: number;
  pad: number;
  minH: number;
}

function metrics(spec: Pick<TableSpec, 'fontSize' | 'padding' | 'minRowHeight'>): TableMetrics {
  const size = spec.fontSize ?? 9;
  const pad = spec.padding ?? 3;
  return { size, pad, minH: spec.minRowHeight ?? size + 2 * pad + 4 };
}

function rowHeight(doc: Pdf, columns: readonly TableColumn[], m: TableMetrics, cells: readonly string[], font: FontName): number {
  doc.font(font).fontSize(m.size);
  return columns.reduce((h, c, i) => {
    const t = cells[i] ?? '';
    return t ? Math.max(h, doc.heightOfString(t, { width: c.width - 2 * m.pad }) + 2 * m.pad) : h;
  }, m.minH);
}

const rowFont = (spec: Pick<TableSpec, 'boldRows'>, i: number): FontName => (spec.boldRows?.has(i) ? 'bold' : 'regular');

/** Height `drawTable` would take for `spec`, ignoring page breaks (for fitting blocks into a slot). */
export function measureTable(doc: Pdf, spec: Omit<TableSpec, 'x' | 'y'>): number {
  const m = metrics(spec);
  const header = spec.noHeader ? 0 : rowHeight(doc, spec.columns, m, spec.columns.map((c) => c.header), 'bold');
  return spec.rows.reduce((h, r, i) => h + rowHeight(doc, spec.columns, m, r, rowFont(spec, i)), header);
}

/**
 * Bordered table with wrapped cells, vertically centred. A row that does not fit on the page moves
 * to a new page, where the header is repeated. Returns the y below the table.
 */
export function drawTable(doc: Pdf, spec: TableSpec): number {
  const m = metrics(spec);
  const header = spec.columns.map((c) => c.header);
  let y = spec.y;

  const drawRow = (cells: readonly string[], font: FontName, fill: string | null): void => {
    const h = rowHeight(doc, spec.columns, m, cells, font);
    let x = spec.x;
    doc.lineWidth(0.6).strokeColor('black');
    spec.columns.forEach((c, i) => {
      if (fill) doc.rect(x, y, c.width, h).fillAndStroke(fill, 'black');
      else doc.rect(x, y, c.width, h).stroke();
      const t = cells[i] ?? '';
      if (t) {
        doc.font(font).fontSize(m.size).fillColor('black');
        const th = doc.heightOfString(t, { width: c.width - 2 * m.pad });
        doc.text(t, x + m.pad, y + (h - th) / 2, { width: c.width - 2 * m.pad, align: c.align ?? 'left' });
      }
      x += c.width;
    });
    y += h;
  };

  const bottom = (): number => doc.page.height - doc.page.margins.bottom;
  const newPage = (): number => {
    doc.addPage();
    return spec.onPageBreak ? spec.onPageBreak(doc) : doc.page.margins.top;
  };
  if (!spec.noHeader) {
    // Never leave a header orphaned at the foot of a page.
    if (y + rowHeight(doc, spec.columns, m, header, 'bold') * 2 > bottom()) y = newPage();
    drawRow(header, 'bold', '#e8e8e8');
  }
  spec.rows.forEach((cells, i) => {
    const font = rowFont(spec, i);
    if (y + rowHeight(doc, spec.columns, m, cells, font) > bottom()) {
      y = newPage();
      if (!spec.noHeader) drawRow(header, 'bold', '#e8e8e8');
    }
    drawRow(cells, font, null);
  });
  return y;
}

/**
 * `label：________` signature line of `width` starting at (x, y); the optional `value` is printed on
 * the line (a name typed in advance, the signature still goes by hand). Returns the y below.
 */
export function signatureLine(doc: Pdf, label: string, x: number, y: number, width: number, value = '', size = 10): number {
  style(doc, { size });
  const labelW = doc.widthOfString(label + '：');
  doc.text(label + '：', x, y, { lineBreak: false });
  const lineY = y + size + 3;
  doc.lineWidth(0.6).moveTo(x + labelW, lineY).lineTo(x + width, lineY).stroke();
  if (value) doc.text(value, x + labelW + 4, y, { width: width - labelW - 8, lineBreak: false });
  return lineY + 6;
}

/** Scale column widths (given as weights) so the columns fill `total` points, keeping proportions. */
export function fitColumns<T extends { width: number }>(cols: T[], total: number): T[] {
  const sum = cols.reduce((s, c) => s + c.width, 0);
  return cols.map((c) => ({ ...c, width: (c.width / sum) * total }));
}
