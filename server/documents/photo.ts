import { DocumentInputInvalid } from './errors';
import type { Pdf } from './pdf-document';
import type { Photo } from './types';

/** The two formats pdfkit embeds, told apart by their magic bytes; `null` for anything else. */
export function photoFormat(bytes: Uint8Array): 'jpeg' | 'png' | null {
  if (bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const png = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length > 8 && png.every((b, i) => bytes[i] === b)) return 'png';
  return null;
}

/**
 * Draw a 1-inch photo fitted (aspect kept, centred) into the box, with a thin frame; without a photo
 * an empty frame with `照片` in it. Fails with `DocumentInputInvalid(field)` when the bytes are not a
 * readable JPEG/PNG, so a batch print names the record to fix.
 */
export function drawPhoto(doc: Pdf, photo: Photo, x: number, y: number, w: number, h: number, field: string): void {
  doc.lineWidth(0.6).strokeColor('black').rect(x, y, w, h).stroke();
  if (!photo || photo.length === 0) {
    doc.font('regular').fontSize(10).fillColor('#888');
    doc.text('照片', x, y + h / 2 - 6, { width: w, align: 'center' });
    doc.fillColor('black');
    return;
  }
  if (!photoFormat(photo)) throw new DocumentInputInvalid(field, '不是 JPEG 或 PNG 图片');
  try {
    doc.image(Buffer.from(photo.buffer, photo.byteOffset, photo.byteLength), x + 1, y + 1, {
      fit: [w - 2, h - 2],
      align: 'center',
      valign: 'center',
    });
  } catch (e) {
    throw new DocumentInputInvalid(field, `图片无法读取（${e instanceof Error ? e.message : String(e)}）`);
  }
}
