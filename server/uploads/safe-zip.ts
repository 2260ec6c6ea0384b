import JSZip from 'jszip';
import { UploadRefused } from '../../question-bank/formats';
import { DEFAULT_UPLOAD_LIMITS, assertUploadSize, assertZipSignature, formatBytes, type UploadLimits } from './limits';

/** JSZip keeps the central directory sizes in a private `_data` (stable through 3.x); read them, never trust them. */
interface DeclaredSizes {
  _data?: { compressedSize?: number; uncompressedSize?: number };
}

/** JSZip's documented but untyped `internalStream`. */
interface InternalStream {
  on(event: 'data', cb: (chunk: Uint8Array) => void): InternalStream;
  on(event: 'error', cb: (e: Error) => void): InternalStream;
  on(event: 'end', cb: () => void): InternalStream;
  resume(): InternalStream;
  pause(): InternalStream;
}

/** A zip entry after the safety checks. */
export interface ZipEntryInfo {
  path: string;
  compressedSize: number;
  uncompressedSize: number;
}

/**
 * Open a zip after checking size and signature, then check the central directory before inflating anything:
 * entry count, total declared uncompressed size (≤ `maxUncompressedBytes`) and each entry's ratio
 * (≤ `maxEntryRatio` for entries ≥ `ratioCheckMinBytes`). Every entry is then inflated as a stream, counting
 * real bytes, so a header that under-declares its size is caught too (the inflation is cut off as soon as an
 * entry exceeds its declared size or the total exceeds the limit). Entries for which `keep(path)` is true are
 * returned; the rest are only measured.
 *
 * Throws `UploadRefused`: UPLOAD_TOO_LARGE, UPLOAD_BAD_SIGNATURE, UPLOAD_MALFORMED (not a readable zip),
 * UPLOAD_ZIP_BOMB. Example: `await readZipSafely(bytes, limits, { keep: (p) => p.endsWith('.xml'), what: 'QTI 题目包' })`.
 */
export async function readZipSafely(
  bytes: Uint8Array,
  limits: UploadLimits = DEFAULT_UPLOAD_LIMITS,
  options: { keep?: (path: string) => boolean; what?: string } = {},
): Promise<{ entries: ZipEntryInfo[]; files: Map<string, Uint8Array> }> {
  const what = options.what ?? 'zip';
  assertUploadSize(bytes, limits);
  assertZipSignature(bytes, what);
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    throw new UploadRefused('UPLOAD_MALFORMED', `${what}文件已损坏，无法读取（${(e as Error).message}）`, {});
  }
  const objects = Object.values(zip.files).filter((f) => !f.dir);
  if (objects.length > limits.maxEntries) {
    throw new UploadRefused('UPLOAD_ZIP_BOMB', `压缩包内有 ${objects.length} 个文件，超过上限 ${limits.maxEntries} 个`, { entries: objects.length });
  }
  const entries: ZipEntryInfo[] = objects.map((f) => {
    const data = (f as unknown as DeclaredSizes)._data;
    const compressedSize = data?.compressedSize;
    const uncompressedSize = data?.uncompressedSize;
    if (typeof compressedSize !== 'number' || typeof uncompressedSize !== 'number') {
      // Fail closed: without the directory sizes the checks below would be blind.
      throw new UploadRefused('UPLOAD_MALFORMED', `${what}文件中“${f.name}”缺少大小信息，无法安全读取`, { entry: f.name });
    }
    return { path: f.name, compressedSize, uncompressedSize };
  });
  const declaredTotal = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (declaredTotal > limits.maxUncompressedBytes) {
    throw bomb(`解压后共 ${formatBytes(declaredTotal)}，超过上限 ${formatBytes(limits.maxUncompressedBytes)}`, { total: declaredTotal });
  }
  for (const e of entries) checkRatio(e.path, e.uncompressedSize, e.compressedSize, limits);

  const files = new Map<string, Uint8Array>();
  let total = 0;
  for (const e of entries) {
    const keep = options.keep?.(e.path) ?? false;
    const data = await inflate(zip.file(e.path)!, e, keep, (n) => {
      total += n;
      if (total > limits.maxUncompressedBytes) return `解压后超过上限 ${formatBytes(limits.maxUncompressedBytes)}`;
      return undefined;
    });
    checkRatio(e.path, data.size, e.compressedSize, limits);
    if (keep) files.set(e.path, data.bytes!);
  }
  return { entries, files };
}

function bomb(message: string, details: Record<string, unknown>): UploadRefused {
  return new UploadRefused('UPLOAD_ZIP_BOMB', `压缩包异常（疑似“压缩炸弹”）：${message}，已拒绝`, details);
}

function checkRatio(path: string, uncompressed: number, compressed: number, limits: UploadLimits): void {
  if (uncompressed < limits.ratioCheckMinBytes) return;
  const ratio = uncompressed / Math.max(1, compressed);
  if (ratio > limits.maxEntryRatio) {
    throw bomb(`“${path}”的压缩比为 ${Math.round(ratio)}:1，超过上限 ${limits.maxEntryRatio}:1`, { entry: path, ratio: Math.round(ratio) });
  }
}

/** Inflate one entry as a stream; stop at the first chunk that breaks a limit. */
function inflate(
  file: JSZip.JSZipObject,
  declared: ZipEntryInfo,
  keep: boolean,
  addToTotal: (n: number) => string | undefined,
): Promise<{ size: number; bytes?: Uint8Array }> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    let size = 0;
    let done = false;
    const stream = (file as unknown as { internalStream(type: 'uint8array'): InternalStream }).internalStream('uint8array');
    const stop = (err: UploadRefused) => {
      if (done) return;
      done = true;
      stream.pause();
      reject(err);
    };
    stream
      .on('data', (chunk) => {
        if (done) return;
        size += chunk.length;
        if (size > declared.uncompressedSize) {
          stop(bomb(`“${declared.path}”实际解压大小超过其声明的 ${formatBytes(declared.uncompressedSize)}`, { entry: declared.path }));
          return;
        }
        const over = addToTotal(chunk.length);
        if (over !== undefined) {
          stop(bomb(over, { entry: declared.path }));
          return;
        }
        if (keep) chunks.push(chunk);
      })
      .on('error', (e) => {
        if (done) return;
        done = true;
        reject(new UploadRefused('UPLOAD_MALFORMED', `压缩包中“${declared.path}”已损坏：${e.message}`, { entry: declared.path }));
      })
      .on('end', () => {
        if (done) return;
        done = true;
        if (!keep) return resolve({ size });
        const bytes = new Uint8Array(size);
        let at = 0;
        for (const c of chunks) {
          bytes.set(c, at);
          at += c.length;
        }
        resolve({ size, bytes });
      })
      .resume();
  });
}
