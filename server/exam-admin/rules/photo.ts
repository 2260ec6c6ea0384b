/**
 * Candidate photo check (证件照 for the admission ticket and certificate): format by signature,
 * file size and pixel dimensions read from the header — no decoding, no image library.
 */

/** Accepted photo formats. */
export type PhotoFormat = 'jpeg' | 'png';

/** Limits for an uploaded photo. All M: provinces publish their own; change the data. */
export interface PhotoLimits {
  minBytes: number;
  maxBytes: number;
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
  /** Allowed width ÷ height; ID photos are portrait (一寸 295×413 ≈ 0.71, 358×441 ≈ 0.81). */
  minAspect: number;
  maxAspect: number;
}

/** Default limits: 1 KB–2 MB, 100–4000 px per side, portrait to square. */
export const PHOTO_LIMITS: PhotoLimits = {
  minBytes: 1024,
  maxBytes: 2 * 1024 * 1024,
  minWidth: 100,
  minHeight: 100,
  maxWidth: 4000,
  maxHeight: 4000,
  minAspect: 0.5,
  maxAspect: 1.0,
};

/** Result of `checkPhoto`, with what could be read even when refused. */
export interface PhotoCheck {
  ok: boolean;
  format: PhotoFormat | null;
  width: number | null;
  height: number | null;
  bytes: number;
  /** Chinese problems; empty when `ok`. */
  problems: string[];
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b);
}

/** PNG: the first chunk must be IHDR (width, height as big-endian uint32 at offsets 16 and 20). */
function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24) return null;
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const type = String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!);
  if (type !== 'IHDR') return null;
  return { width: dv.getUint32(16), height: dv.getUint32(20) };
}

/**
 * JPEG: walk the marker segments to the first SOFn (C0–CF except C4 DHT, C8 JPG, CC DAC), whose
 * payload is precision (1), height (2), width (2). Stops at SOS/EOI: no SOF before the scan = broken.
 */
function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  let i = 2;
  while (i + 3 < b.length) {
    if (b[i] !== 0xff) return null;
    let marker = b[i + 1]!;
    while (marker === 0xff && i + 2 < b.length) {
      i++; // fill bytes
      marker = b[i + 1]!;
    }
    i += 2;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // standalone markers
    if (marker === 0xd9 || marker === 0xda) return null;
    if (i + 1 >= b.length) return null;
    const len = (b[i]! << 8) | b[i + 1]!;
    if (len < 2) return null;
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) {
      if (i + 6 >= b.length) return null;
      return { height: (b[i + 3]! << 8) | b[i + 4]!, width: (b[i + 5]! << 8) | b[i + 6]! };
    }
    i += len;
  }
  return null;
}

/**
 * Check an uploaded photo: JPEG (FF D8 FF) or PNG (89 50 4E 47 0D 0A 1A 0A) by signature — the
 * file name and MIME type are not trusted —, size within `limits`, and pixel dimensions read from
 * the header within bounds and portrait-shaped. Never throws.
 *
 * Example: a 20 KB 358×441 JPEG → `{ ok: true, format: 'jpeg', width: 358, height: 441, … }`;
 * a GIF → `照片格式应为 JPEG 或 PNG`.
 */
export function checkPhoto(bytes: Uint8Array, limits: PhotoLimits = PHOTO_LIMITS): PhotoCheck {
  const problems: string[] = [];
  const n = bytes.length;
  const kb = (x: number) => (x >= 1024 * 1024 ? `${(x / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(x / 1024)} KB`);
  if (n < limits.minBytes) problems.push(`照片文件太小（${n} 字节），至少 ${kb(limits.minBytes)}`);
  if (n > limits.maxBytes) problems.push(`照片文件太大（${kb(n)}），不能超过 ${kb(limits.maxBytes)}`);

  const format: PhotoFormat | null = startsWith(bytes, [0xff, 0xd8, 0xff]) ? 'jpeg' : startsWith(bytes, PNG_SIGNATURE) ? 'png' : null;
  if (format === null) {
    problems.push('照片格式应为 JPEG 或 PNG');
    return { ok: false, format, width: null, height: null, bytes: n, problems };
  }
  const size = format === 'jpeg' ? jpegSize(bytes) : pngSize(bytes);
  if (size === null) {
    problems.push('无法读取照片的尺寸，文件可能已损坏');
    return { ok: false, format, width: null, height: null, bytes: n, problems };
  }
  const { width, height } = size;
  if (width < limits.minWidth || height < limits.minHeight) {
    problems.push(`照片尺寸 ${width}×${height} 像素太小，至少 ${limits.minWidth}×${limits.minHeight}`);
  } else if (width > limits.maxWidth || height > limits.maxHeight) {
    problems.push(`照片尺寸 ${width}×${height} 像素太大，不超过 ${limits.maxWidth}×${limits.maxHeight}`);
  } else {
    const aspect = width / height;
    if (aspect < limits.minAspect || aspect > limits.maxAspect) {
      problems.push(`照片宽高比 ${aspect.toFixed(2)} 不符合证件照要求（应为竖版，宽÷高在 ${limits.minAspect}–${limits.maxAspect} 之间）`);
    }
  }
  return { ok: problems.length === 0, format, width, height, bytes: n, problems };
}
