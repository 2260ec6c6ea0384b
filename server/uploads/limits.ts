import { UploadRefused, assertTextNotBinary } from '../../question-bank/formats';

/**
 * Upload limits. Defaults fit the exam office's real files (largest bank ≈ 5,000 items, a few MB) with room
 * to spare; any caller can tighten them.
 */
export interface UploadLimits {
  /** Largest upload accepted, in bytes. Default 10 MiB. */
  maxBytes: number;
  /** Most data rows/items (header excluded). Default 20,000. */
  maxRows: number;
  /** Most bytes all zip entries may expand to together. Default 100 MiB. */
  maxUncompressedBytes: number;
  /** Largest uncompressed/compressed ratio of one entry. Default 100. */
  maxEntryRatio: number;
  /**
   * Entries smaller than this skip the ratio test: a tiny, very repetitive XML part (an empty styles list)
   * compresses far beyond 100× yet cannot exhaust anything. Default 1 MiB.
   */
  ratioCheckMinBytes: number;
  /** Most entries in a zip. Default 30,000: a QTI package holds one file per item, up to `maxRows` items plus media. */
  maxEntries: number;
}

/** The limits used when a caller gives none (see each field). */
export const DEFAULT_UPLOAD_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxEntryRatio: 100,
  ratioCheckMinBytes: 1024 * 1024,
  maxEntries: 30_000,
});

/** Defaults overlaid with the caller's overrides. */
export function resolveLimits(overrides: Partial<UploadLimits> = {}): UploadLimits {
  return { ...DEFAULT_UPLOAD_LIMITS, ...overrides };
}

/** “10 MB” style size for messages. */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / 1024 / 1024) * 10) / 10} MB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KB`;
  return `${n} 字节`;
}

/**
 * Refuse an upload over `limits.maxBytes` with `UploadRefused('UPLOAD_TOO_LARGE')` (HTTP 413).
 * Example: `assertUploadSize(bytes, resolveLimits({ maxBytes: 1024 }))`.
 */
export function assertUploadSize(bytes: Uint8Array, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS): void {
  if (bytes.byteLength > limits.maxBytes) {
    throw new UploadRefused('UPLOAD_TOO_LARGE', `文件大小 ${formatBytes(bytes.byteLength)}，超过上限 ${formatBytes(limits.maxBytes)}`, {
      size: bytes.byteLength,
      max: limits.maxBytes,
    });
  }
}

/**
 * Refuse bytes that do not start with a zip local file header (`PK\x03\x04`), which every xlsx and QTI
 * package does. Throws `UploadRefused('UPLOAD_BAD_SIGNATURE')`; `what` names the expected kind.
 */
export function assertZipSignature(bytes: Uint8Array, what = 'xlsx'): void {
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    const xls = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
    throw new UploadRefused(
      'UPLOAD_BAD_SIGNATURE',
      xls ? `这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后上传` : `文件内容不是${what}（应为 zip 格式，以 PK 开头），可能只是改了扩展名`,
      { expected: what },
    );
  }
}

/**
 * Size limit plus “is it text at all” for CSV/JSON/XML/GIFT uploads: refuses zip/xls/PDF/image signatures and
 * NUL bytes with `UploadRefused('UPLOAD_BAD_SIGNATURE')`. Encoding is judged later by the parser.
 */
export function assertTextUpload(bytes: Uint8Array, limits: UploadLimits = DEFAULT_UPLOAD_LIMITS, what = 'CSV'): void {
  assertUploadSize(bytes, limits);
  assertTextNotBinary(bytes, what);
}
