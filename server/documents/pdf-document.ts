import PDFDocument from 'pdfkit';
import { loadCjkFonts } from './fonts';
import type { PrintMeta } from './types';

/** pdfkit document type, re-exported so layout helpers need no global namespace. */
export type Pdf = PDFKit.PDFDocument;

/** A4 in points. */
export const A4 = { width: 595.28, height: 841.89 } as const;
/** Millimetres to points (`mm(25)` ≈ 70.9), the unit layouts are designed in. */
export const mm = (n: number): number => (n * 72) / 25.4;

/** Title, subject, margin and optional page-number footer of one PDF. */
export interface PdfSpec {
  /** PDF Title, e.g. `准考证`. */
  title: string;
  subject?: string;
  /** Page margin in points; default 15 mm. */
  margin?: number;
  /**
   * Footer `第 n 页 共 m 页` (with an optional prefix) on every page. Needs all pages buffered, which
   * is fine for the few hundred pages a batch prints.
   */
  pageFooter?: { prefix?: string };
}

/**
 * Build one PDF: A4, CJK fonts `regular`/`bold` registered, metadata from `meta` (Author =
 * organization, CreationDate = meta.createdAt, so equal input gives equal bytes), then `draw` fills
 * the pages. The first page exists before `draw` runs.
 *
 * Fails with whatever `draw` throws (the half-built document is discarded).
 */
export async function renderPdf(meta: PrintMeta, spec: PdfSpec, draw: (doc: Pdf) => void | Promise<void>): Promise<Buffer> {
  const fonts = await loadCjkFonts();
  const margin = spec.margin ?? mm(15);
  const doc = new PDFDocument({
    size: 'A4',
    margin,
    bufferPages: spec.pageFooter !== undefined,
    info: {
      Title: spec.title,
      Author: meta.organization,
      Subject: spec.subject,
      Creator: '职业技能等级认定考务系统',
      CreationDate: meta.createdAt,
      ModDate: meta.createdAt,
    },
    lang: 'zh-CN',
    displayTitle: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('regular', fonts.regular);
  doc.registerFont('bold', fonts.bold);
  doc.font('regular');
  try {
    await draw(doc);
    if (spec.pageFooter) writePageFooters(doc, spec.pageFooter.prefix);
  } catch (e) {
    // End the stream so nothing dangles, then report the real cause.
    doc.end();
    await finished.catch(() => undefined);
    throw e;
  }
  doc.end();
  return finished;
}

function writePageFooters(doc: Pdf, prefix: string | undefined): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    // Writing below the bottom margin would make pdfkit add a page; lift the margin while we write.
    doc.page.margins.bottom = 0;
    const text = `${prefix ? prefix + '　' : ''}第 ${i + 1} 页 共 ${range.count} 页`;
    doc
      .font('regular')
      .fontSize(8)
      .fillColor('#444')
      .text(text, doc.page.margins.left, doc.page.height - bottom / 2 - 4, {
        width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
