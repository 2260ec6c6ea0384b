import QRCode from 'qrcode';
import type { Pdf } from './pdf-document';

/**
 * pngjs options passed through by qrcode. Grayscale without alpha (colorType 0) lets pdfkit embed the
 * PNG data as is instead of decoding it to split an alpha channel, and skipping the adaptive filter
 * search (filterType 0) halves QR generation time; both were measured on a 1,000-ticket batch.
 * @types/qrcode only declares deflate options, hence the local type. A fresh object per call: qrcode
 * writes width/height into it.
 */
interface PngRendererOptions {
  colorType: 0;
  filterType: 0;
}

/**
 * QR code as PNG bytes (error correction M, quiet zone 1 module, 4 px per module, enough for a
 * 20–25 mm print). Fails (rejects) only for text too long for a QR code.
 */
export function qrPng(text: string): Promise<Buffer> {
  const rendererOpts: PngRendererOptions = { colorType: 0, filterType: 0 };
  return QRCode.toBuffer(text, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    scale: 4,
    rendererOpts: rendererOpts as { deflateLevel?: number },
  });
}

/** Draw a QR code PNG as a `size`-point square at (x, y). */
export function drawQr(doc: Pdf, png: Buffer, x: number, y: number, size: number): void {
  doc.image(png, x, y, { width: size, height: size });
}
