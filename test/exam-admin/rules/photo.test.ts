import { describe, expect, it } from 'vitest';
import { checkPhoto, PHOTO_LIMITS } from '../../../server/exam-admin/rules';

const be16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const be32 = (n: number) => [(n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];

/** A header-only JPEG: SOI, APP0, a comment padding it to `size`, SOFn with the dimensions, SOS, EOI. */
function jpeg(width: number, height: number, opts: { size?: number; sof?: number; fill?: boolean } = {}): Uint8Array {
  const app0 = [0xff, 0xe0, ...be16(16), 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
  const sof = [0xff, opts.sof ?? 0xc0, ...be16(17), 8, ...be16(height), ...be16(width), 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
  const tail = [0xff, 0xda, ...be16(12), 3, 1, 0, 2, 0x11, 3, 0x11, 0, 0x3f, 0, 0xff, 0xd9];
  const fixed = 2 + app0.length + (opts.fill ? 2 : 0) + sof.length + tail.length;
  // Comment segments hold at most 65 533 bytes each, so large files get several.
  const com: number[] = [];
  let pad = Math.max(0, (opts.size ?? 20_000) - fixed);
  while (pad > 0) {
    const n = Math.min(pad, 60_000);
    const payload = Math.max(0, n - 4);
    com.push(0xff, 0xfe, ...be16(payload + 2));
    for (let i = 0; i < payload; i++) com.push(0x20);
    pad -= payload + 4;
  }
  return Uint8Array.from([0xff, 0xd8, ...app0, ...com, ...(opts.fill ? [0xff, 0xff] : []), ...sof, ...tail]);
}

/** A PNG with IHDR and a text chunk padding it to about `size` bytes (CRCs are not checked). */
function png(width: number, height: number, size = 20_000): Uint8Array {
  const ihdr = [...be32(13), 0x49, 0x48, 0x44, 0x52, ...be32(width), ...be32(height), 8, 2, 0, 0, 0, 0, 0, 0, 0];
  const pad = Math.max(0, size - 8 - ihdr.length - 12 - 12);
  const text = [...be32(pad), 0x74, 0x45, 0x58, 0x74, ...new Array<number>(pad).fill(0x41), 0, 0, 0, 0];
  const iend = [0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
  return Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...ihdr, ...text, ...iend]);
}

describe('candidate photo', () => {
  it('reads a JPEG ID photo’s dimensions from its SOF header', () => {
    expect(checkPhoto(jpeg(358, 441))).toEqual({ ok: true, format: 'jpeg', width: 358, height: 441, bytes: 20_000, problems: [] });
  });

  it('reads progressive JPEGs and skips fill bytes before a marker', () => {
    expect(checkPhoto(jpeg(295, 413, { sof: 0xc2, fill: true }))).toMatchObject({ ok: true, width: 295, height: 413 });
  });

  it('reads a PNG’s dimensions from IHDR', () => {
    expect(checkPhoto(png(390, 567))).toMatchObject({ ok: true, format: 'png', width: 390, height: 567 });
  });

  it('refuses other formats by signature, whatever the file is called', () => {
    const gif = Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, ...new Array<number>(2000).fill(0)]);
    expect(checkPhoto(gif)).toMatchObject({ ok: false, format: null, problems: ['照片格式应为 JPEG 或 PNG'] });
  });

  it('refuses files that are too large or too small', () => {
    expect(checkPhoto(jpeg(358, 441, { size: 3 * 1024 * 1024 })).problems).toEqual(['照片文件太大（3.0 MB），不能超过 2.0 MB']);
    expect(checkPhoto(jpeg(358, 441, { size: 500 })).problems[0]).toMatch(/^照片文件太小（\d+ 字节），至少 1 KB$/);
    expect(checkPhoto(jpeg(358, 441, { size: 3 * 1024 * 1024 }), { ...PHOTO_LIMITS, maxBytes: 5 * 1024 * 1024 }).ok).toBe(true);
  });

  it('refuses absurd pixel sizes and landscape pictures', () => {
    expect(checkPhoto(jpeg(20, 30)).problems).toEqual(['照片尺寸 20×30 像素太小，至少 100×100']);
    expect(checkPhoto(png(30_000, 40_000)).problems).toEqual(['照片尺寸 30000×40000 像素太大，不超过 4000×4000']);
    expect(checkPhoto(jpeg(640, 480)).problems[0]).toContain('应为竖版');
  });

  it('refuses a JPEG cut off before its frame header', () => {
    const cut = jpeg(358, 441).slice(0, 1500);
    expect(checkPhoto(cut)).toMatchObject({ ok: false, format: 'jpeg', problems: ['无法读取照片的尺寸，文件可能已损坏'] });
  });
});
