import type { Pdf } from './pdf-document';
import { style } from './pdf-layout';

/** One series of a grouped bar chart (e.g. one paper form), one value per category. */
export interface BarSeries {
  name: string;
  values: number[];
  color: string;
}

/** Placement (x, y, width, height in points), title, categories and series of a grouped bar chart. */
export interface BarChartSpec {
  x: number;
  y: number;
  width: number;
  height: number;
  title: string;
  categories: string[];
  series: BarSeries[];
  /** Per-category reference value (e.g. the blueprint's marks), drawn as a dashed line over the group. */
  reference?: { label: string; values: (number | null)[] };
  format?: (n: number) => string;
}

/** Smallest 1/2/5 × 10^k step giving at most 5 ticks up to `max`. */
function niceStep(max: number): number {
  if (max <= 0) return 1;
  const raw = max / 5;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
}

/**
 * Grouped bar chart in pdfkit vector graphics: title and legend, y axis with gridlines, one group of
 * bars per category with the value above each bar, category labels below. Returns the y below.
 * Vector, not a bitmap, so it prints sharp and adds almost nothing to the file.
 */
export function drawGroupedBarChart(doc: Pdf, c: BarChartSpec): number {
  const fmt = c.format ?? ((n: number) => String(Math.round(n * 100) / 100));
  style(doc, { font: 'bold', size: 11 }).text(c.title, c.x, c.y, { width: c.width, lineBreak: false });

  // Legend, right-aligned on the title line.
  style(doc, { size: 8 });
  const legend = [...c.series.map((s) => ({ name: s.name, color: s.color, dashed: false })), ...(c.reference ? [{ name: c.reference.label, color: '#c00000', dashed: true }] : [])];
  let lx = c.x + c.width;
  for (const item of [...legend].reverse()) {
    lx -= doc.widthOfString(item.name) + 18;
    if (item.dashed) doc.save().lineWidth(1.2).strokeColor(item.color).dash(3, { space: 2 }).moveTo(lx, c.y + 6).lineTo(lx + 10, c.y + 6).stroke().undash().restore();
    else doc.rect(lx, c.y + 2, 10, 8).fill(item.color);
    doc.fillColor('black').text(item.name, lx + 13, c.y + 1, { lineBreak: false });
  }

  const axisW = 34;
  const plot = { x: c.x + axisW, y: c.y + 22, w: c.width - axisW, h: c.height - 22 - 18 };
  const all = [...c.series.flatMap((s) => s.values), ...(c.reference?.values.filter((v): v is number => v !== null) ?? [])];
  const step = niceStep(Math.max(0, ...all));
  const top = Math.max(step, Math.ceil(Math.max(0, ...all) / step) * step) * (all.some((v) => v > 0) ? 1.12 : 1);
  const yOf = (v: number): number => plot.y + plot.h - (v / top) * plot.h;

  doc.lineWidth(0.4);
  for (let v = 0; v <= top + 1e-9; v += step) {
    const gy = yOf(v);
    doc.strokeColor(v === 0 ? '#000' : '#ccc').moveTo(plot.x, gy).lineTo(plot.x + plot.w, gy).stroke();
    style(doc, { size: 7, color: '#444' }).text(fmt(v), c.x, gy - 4, { width: axisW - 4, align: 'right', lineBreak: false });
  }
  doc.strokeColor('#000').moveTo(plot.x, plot.y).lineTo(plot.x, plot.y + plot.h).stroke();

  const groupW = plot.w / Math.max(1, c.categories.length);
  const barW = Math.min(26, (groupW * 0.75) / Math.max(1, c.series.length));
  c.categories.forEach((cat, ci) => {
    const gx = plot.x + ci * groupW;
    const bx0 = gx + (groupW - barW * c.series.length) / 2;
    c.series.forEach((s, si) => {
      const v = s.values[ci] ?? 0;
      const bx = bx0 + si * barW;
      const by = yOf(v);
      if (v > 0) doc.rect(bx + 1, by, barW - 2, plot.y + plot.h - by).fill(s.color);
      style(doc, { size: 6.5, color: '#222' }).text(fmt(v), bx - 4, by - 9, { width: barW + 8, align: 'center', lineBreak: false });
    });
    const ref = c.reference?.values[ci];
    if (ref !== undefined && ref !== null) {
      const ry = yOf(ref);
      doc.save().lineWidth(1.2).strokeColor('#c00000').dash(3, { space: 2 }).moveTo(bx0 - 4, ry).lineTo(bx0 + barW * c.series.length + 4, ry).stroke().undash().restore();
    }
    style(doc, { size: 8 }).text(cat, gx, plot.y + plot.h + 4, { width: groupW, align: 'center', height: 12, ellipsis: true });
  });
  doc.fillColor('black').strokeColor('black');
  return c.y + c.height;
}
