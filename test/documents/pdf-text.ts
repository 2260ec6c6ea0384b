import QRCode from 'qrcode';
import { extractImages, extractText, getDocumentProxy, getMeta, getResolvedPDFJS } from 'unpdf';

/**
 * Read PDFs back the way a reader would, for the document tests: text (pdf.js through unpdf; pdfkit
 * writes a ToUnicode map for its subset CJK fonts, so Chinese comes back as Chinese), page count,
 * metadata, embedded images and fill colours.
 */

// pdf.js 5 (bundled in unpdf) calls ArrayBuffer.prototype.transferToFixedLength (Node ≥ 21) when it
// builds operator lists and images; text extraction does not need it. Node 20 lacks it, so tests
// get a copying stand-in (same result for a reader: a fresh buffer of the requested length).
const proto = ArrayBuffer.prototype as ArrayBuffer & { transferToFixedLength?: (n?: number) => ArrayBuffer };
if (!proto.transferToFixedLength) {
  Object.defineProperty(ArrayBuffer.prototype, 'transferToFixedLength', {
    value(this: ArrayBuffer, n?: number): ArrayBuffer {
      const len = n ?? this.byteLength;
      const out = new ArrayBuffer(len);
      new Uint8Array(out).set(new Uint8Array(this, 0, Math.min(len, this.byteLength)));
      return out;
    },
  });
}

/** What a reader of the PDF sees. */
export interface PdfContent {
  pageCount: number;
  /** Text of each page as extracted (line breaks where the layout wrapped). */
  pages: string[];
  /** All pages joined with every whitespace removed, so wrapped Chinese text can be matched whole. */
  flat: string;
  /** Document info: Title, Author, CreationDate (`D:20240601000000Z`) … */
  info: Record<string, unknown>;
  /** Width × height of the first page in millimetres, rounded (A4 is 210 × 297). */
  firstPageMm: [number, number];
}

/** Remove whitespace (including the full-width space U+3000) so a phrase matches across wraps. */
export const squash = (s: string): string => s.replace(/\s+/g, '');

/** Extract text and metadata. Example: `(await pdfText(buf)).flat.includes('准考证')`. */
export async function pdfText(pdf: Buffer): Promise<PdfContent> {
  // pdf.js takes ownership of (detaches) the array it is given: hand it a copy.
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    const { info } = await getMeta(doc);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = (await doc.getPage(1)).view;
    const toMm = (pt: number): number => Math.round((pt * 25.4) / 72);
    return {
      pageCount: totalPages,
      pages: text,
      flat: squash(text.join('')),
      info: info as Record<string, unknown>,
      firstPageMm: [toMm(x1 - x0), toMm(y1 - y0)],
    };
  } finally {
    await doc.destroy();
  }
}

/** One image as pdf.js decodes it: pixels row by row, `channels` bytes each. */
export interface PdfImage {
  width: number;
  height: number;
  channels: number;
  data: Uint8ClampedArray;
}

/** Images drawn on page `page` (1-based), in drawing order. */
export async function pdfImages(pdf: Buffer, page: number): Promise<PdfImage[]> {
  const images = await extractImages(new Uint8Array(pdf), page);
  return images.map((i) => ({ width: i.width, height: i.height, channels: i.channels, data: i.data }));
}

/** How many times each fill colour (`#3b6ea5`) is set on page `page`: evidence of drawn shapes. */
export async function fillColours(pdf: Buffer, page: number): Promise<Record<string, number>> {
  const pdfjs = await getResolvedPDFJS();
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const ops = await (await doc.getPage(page)).getOperatorList();
    const counts: Record<string, number> = {};
    ops.fnArray.forEach((fn, i) => {
      if (fn !== pdfjs.OPS.setFillRGBColor) return;
      const colour = String((ops.argsArray[i] as unknown[])[0]);
      counts[colour] = (counts[colour] ?? 0) + 1;
    });
    return counts;
  } finally {
    await doc.destroy();
  }
}

/**
 * True when `image` is a QR code of exactly `text`: regenerates the module matrix for `text` and
 * compares it with the image sampled at each module's centre (the documents draw quiet zone 1, so
 * the image is size + 2 modules wide). A stand-in for a QR decoder, which the project does not have.
 */
export function isQrOf(image: PdfImage, text: string): boolean {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const size = qr.modules.size;
  const px = image.width / (size + 2);
  if (!Number.isInteger(px) || image.height !== image.width) return false;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const x = Math.floor((c + 1) * px + px / 2);
      const y = Math.floor((r + 1) * px + px / 2);
      const dark = (image.data[(y * image.width + x) * image.channels] ?? 255) < 128;
      if (dark !== Boolean(qr.modules.get(r, c))) return false;
    }
  }
  return true;
}
