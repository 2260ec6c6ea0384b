import { extractText, getDocumentProxy, getMeta } from 'unpdf';

/** What a reader of the PDF would see: text per page, page count and the document info. */
export interface PdfContent {
  pageCount: number;
  /** Text of each page as extracted (line breaks where the layout wrapped). */
  pages: string[];
  /** All pages joined with every whitespace removed, so wrapped Chinese text can be matched whole. */
  flat: string;
  info: Record<string, unknown>;
}

/**
 * Extract text from a PDF buffer with unpdf (pdf.js). pdfkit writes a ToUnicode map for its subset
 * CJK fonts, so Chinese comes back as Chinese. Example: `(await pdfText(buf)).flat.includes('准考证')`.
 */
export async function pdfText(pdf: Buffer): Promise<PdfContent> {
  // pdf.js takes ownership of (detaches) the array it is given: hand it a copy.
  const doc = await getDocumentProxy(new Uint8Array(pdf));
  try {
    const { totalPages, text } = await extractText(doc, { mergePages: false });
    const { info } = await getMeta(doc);
    return { pageCount: totalPages, pages: text, flat: text.join('').replace(/\s+/g, ''), info: info as Record<string, unknown> };
  } finally {
    await doc.destroy();
  }
}

/** Remove whitespace so an expected phrase matches across line wraps. */
export const squash = (s: string): string => s.replace(/\s+/g, '');
