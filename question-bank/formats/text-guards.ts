import { UploadRefused } from './format-errors';

/** Default cap on data rows/items in one upload (the exam office's largest banks are ~5,000 items). */
export const DEFAULT_MAX_ROWS = 20_000;

/** Keys that would reach `Object.prototype` if a consumer ever copied rows into plain objects. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** True for `__proto__`, `constructor`, `prototype` (trimmed, case-insensitive). */
export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key.trim().toLowerCase());
}

/**
 * Refuse header names that are prototype keys.
 * Throws `UploadRefused('UPLOAD_PROTOTYPE_KEY')` naming the column. Example: `assertSafeHeaders(['题型', '__proto__'])` throws.
 */
export function assertSafeHeaders(headers: readonly string[], where = '表头'): void {
  const bad = headers.find(isPrototypeKey);
  if (bad !== undefined) {
    throw new UploadRefused('UPLOAD_PROTOTYPE_KEY', `${where}含不允许的列名“${bad.trim()}”（出于安全原因拒绝）`, { key: bad.trim() });
  }
}

/**
 * Refuse a parsed JSON value holding a prototype key at any depth (JSON.parse keeps `__proto__` as an own key,
 * so a later spread/merge would pollute). Throws `UploadRefused('UPLOAD_PROTOTYPE_KEY')` with the JSON path.
 */
export function assertNoPrototypeKeys(value: unknown, path = '$'): void {
  // Iterative walk: a hostile, deeply nested file must not overflow the stack.
  const stack: Array<[unknown, string]> = [[value, path]];
  while (stack.length > 0) {
    const [v, p] = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((x, i) => stack.push([x, `${p}[${i}]`]));
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        if (isPrototypeKey(k)) {
          throw new UploadRefused('UPLOAD_PROTOTYPE_KEY', `JSON 含不允许的键名“${k}”（位置 ${p}），出于安全原因拒绝`, { key: k, path: p });
        }
        stack.push([(v as Record<string, unknown>)[k], `${p}.${k}`]);
      }
    }
  }
}

/** Throws `UploadRefused('UPLOAD_TOO_MANY_ROWS')` when `count` exceeds `max`. */
export function assertRowLimit(count: number, max: number = DEFAULT_MAX_ROWS): void {
  if (count > max) {
    throw new UploadRefused('UPLOAD_TOO_MANY_ROWS', `文件共 ${count} 条数据，超过单次导入上限 ${max} 条，请拆分后分批导入`, { count, max });
  }
}

const SIGNATURES: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], 'xlsx/zip 压缩文件'],
  [[0xd0, 0xcf, 0x11, 0xe0], '旧版 Excel（.xls）或 Word（.doc）文件'],
  [[0x25, 0x50, 0x44, 0x46], 'PDF 文件'],
  [[0x89, 0x50, 0x4e, 0x47], 'PNG 图片'],
  [[0xff, 0xd8, 0xff], 'JPEG 图片'],
];

function startsWith(bytes: Uint8Array, sig: readonly number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}

/**
 * Refuse bytes that are not text: a known binary signature, or NUL bytes in the first 8 KiB
 * (UTF-8 text never contains NUL; UTF-16 is caught earlier by its BOM).
 * Throws `UploadRefused('UPLOAD_BAD_SIGNATURE')` saying what the file looks like.
 */
export function assertTextNotBinary(bytes: Uint8Array, expected = '文本'): void {
  for (const [sig, what] of SIGNATURES) {
    if (startsWith(bytes, sig)) {
      throw new UploadRefused('UPLOAD_BAD_SIGNATURE', `文件内容是${what}，不是${expected}文件，请检查文件类型`, { detected: what });
    }
  }
  const head = bytes.subarray(0, 8192);
  if (isUtf16Bom(head)) return; // reported as an encoding problem, which is more helpful
  if (head.includes(0)) {
    throw new UploadRefused('UPLOAD_BAD_SIGNATURE', `文件含二进制内容，不是${expected}文件`, { detected: 'binary' });
  }
}

function isUtf16Bom(b: Uint8Array): boolean {
  return (b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff);
}

const GBK_HINT = '请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”，或在记事本中“另存为 → 编码 UTF-8”后重新上传';

/**
 * Decode uploaded text as UTF-8 (with or without BOM). Refuses with `UploadRefused('UPLOAD_BAD_ENCODING')`:
 * UTF-16 (BOM), bytes that are not UTF-8 (usually GBK from Excel's plain “CSV” — said so when a GB18030 decode
 * reads cleanly), and text that is visibly damaged (U+FFFD, 锟斤拷). `expectedWords` (e.g. column names) sharpen
 * the Latin-1 mojibake check. Example: `decodeUtf8Text(bytes, ['题型'])`.
 */
export function decodeUtf8Text(input: Uint8Array | string, expectedWords: readonly string[] = []): string {
  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    assertTextNotBinary(input);
    if (isUtf16Bom(input)) {
      throw new UploadRefused('UPLOAD_BAD_ENCODING', `文件是 UTF-16 编码，本系统只接受 UTF-8。${GBK_HINT}`, { encoding: 'utf-16' });
    }
    const body = input[0] === 0xef && input[1] === 0xbb && input[2] === 0xbf ? input.subarray(3) : input;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
      const gbk = looksLikeGbk(body);
      throw new UploadRefused(
        'UPLOAD_BAD_ENCODING',
        gbk ? `文件看起来是 GBK/GB2312 编码（Excel 保存“CSV（逗号分隔）”时的默认编码），本系统只接受 UTF-8。${GBK_HINT}` : `文件不是 UTF-8 编码。${GBK_HINT}`,
        { encoding: gbk ? 'gbk' : 'unknown' },
      );
    }
  }
  if (text.includes('\uFFFD') || text.includes('锟斤拷')) {
    throw new UploadRefused('UPLOAD_BAD_ENCODING', `文件中有乱码字符（“\uFFFD”或“锟斤拷”），说明它曾被以错误的编码打开后保存，请从原始文件重新导出`, { encoding: 'damaged' });
  }
  if (looksLikeLatin1Mojibake(text, expectedWords)) {
    throw new UploadRefused('UPLOAD_BAD_ENCODING', `文件中的中文显示为乱码（如“é¢˜å¹²”），说明它曾被按西文编码打开后保存，请从原始文件重新导出为 UTF-8`, { encoding: 'latin1-mojibake' });
  }
  return text;
}

function looksLikeGbk(bytes: Uint8Array): boolean {
  try {
    const s = new TextDecoder('gb18030', { fatal: true }).decode(bytes.subarray(0, 4096));
    return /[\u4e00-\u9fff]/.test(s);
  } catch {
    return false; // runtime without the GB18030 table, or not GBK either
  }
}

/**
 * UTF-8 Chinese read as Windows-1252 turns 题 into “é¢˜”: a lead byte shown as À–ï followed by
 * continuation bytes shown as Latin-1/cp1252 punctuation. Only judged when no expected word is present,
 * so a legitimate “é” in an option never trips it.
 */
function looksLikeLatin1Mojibake(text: string, expectedWords: readonly string[]): boolean {
  const head = text.slice(0, 4096);
  if (expectedWords.some((w) => head.includes(w))) return false;
  if (/[\u4e00-\u9fff]/.test(head)) return false;
  const hits = head.match(/[\u00e0-\u00ef][\u0080-\u00bf\u0152-\u0178\u02c6\u02dc\u2013-\u203a\u20ac\u2122]{2}/g);
  return (hits?.length ?? 0) >= 2;
}
