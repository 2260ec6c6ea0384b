import QRCode from 'qrcode';
import type { Pdf } from './pdf-document';

/**
 * QR code as PNG bytes (error correction M, quiet zone 1 module). Rendered at 4 px per module, enough
 * for a 25 mm print and small in the file. Fails (rejects) only for text too long for a QR code.
 */
export function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 4 });
}

/** Draw a QR code PNG as a `size`-point square at (x, y). */
export function drawQr(doc: Pdf, png: Buffer, x: number, y: number, size: number): void {
  doc.image(png, x, y, { width: size, height: size });
}
