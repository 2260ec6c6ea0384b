import JSZip from 'jszip';
import { ImportRejected } from '../../question-bank/errors';
import {
  UploadRefused,
  decodeUtf8Text,
  formatFromFilename,
  parseGift,
  parseItemsCsv,
  parseItemsJson,
  parseMoodleXml,
  parseQti3Item,
  rowPlaceOf,
  sniffTextFormat,
  xmlFormatOf,
  xmlRootName,
  type ImportContext,
  type ItemDraft,
  type ItemFileFormat,
} from '../../question-bank/formats';
import { assertTextUpload, assertUploadSize, resolveLimits, type UploadLimits } from '../uploads';
import { importQtiPackageZip } from './item-qti-zip';
import { importItemsXlsx } from './item-xlsx';

/** An uploaded item file as the route receives it. */
export interface ItemFileUpload {
  filename: string;
  bytes: Uint8Array;
}

/** Parsed items and the format they were read as (for the UI: “按 Moodle XML 导入 120 题”). */
export interface ParsedItemFile {
  format: ItemFileFormat;
  items: ItemDraft[];
}

const SUPPORTED = '支持的格式：Excel（.xlsx）、CSV（.csv，UTF-8）、JSON（.json）、Moodle XML（.xml）、GIFT（.gift/.txt）、QTI 3.0（单题 .xml 或 .zip 题目包）';

function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/**
 * Import an item file in any supported format, chosen by extension and confirmed by content:
 * `.xlsx` → xlsx; `.csv`; `.json`; `.xml` → Moodle (`<quiz>`) or a QTI 3.0 item (`<qti-assessment-item>`) by
 * root element; `.gift`/`.txt` → GIFT (a `.txt` that is a Chinese-header CSV reads as CSV); `.zip` → QTI 3.0
 * package (or an xlsx renamed .zip). Without a known extension the content decides.
 * All limits apply (`UploadLimits`). Throws `UploadRefused`, `ImportEmpty`, or `ImportRejected` whose
 * `details` also carry `format` and `rowPlace` (how to word its row numbers, see `formatRowError`).
 *
 * Example: `const { format, items } = await parseItemFile({ filename: '电工四级.xlsx', bytes }, ctx)`.
 */
export async function parseItemFile(file: ItemFileUpload, ctx: ImportContext, limits?: Partial<UploadLimits>): Promise<ParsedItemFile> {
  const lim = resolveLimits(limits);
  const format = await detectItemFileFormat(file, lim);
  try {
    return { format, items: await parseAs(format, file.bytes, ctx, lim) };
  } catch (e) {
    if (e instanceof ImportRejected) Object.assign(e.details, { format, rowPlace: rowPlaceOf(format) });
    throw e;
  }
}

/**
 * The format `parseItemFile` would use, after the size check and the content checks that decide it.
 * Throws `UploadRefused` (UPLOAD_TOO_LARGE, UPLOAD_BAD_SIGNATURE, UPLOAD_BAD_ENCODING, UPLOAD_UNKNOWN_FORMAT).
 */
export async function detectItemFileFormat(file: ItemFileUpload, limits: UploadLimits = resolveLimits()): Promise<ItemFileFormat> {
  const { bytes } = file;
  assertUploadSize(bytes, limits);
  const hint = formatFromFilename(file.filename);
  if (hint === 'xlsx') return 'xlsx'; // the xlsx reader checks the signature and says “.xls” when it is one
  if (hint === 'zip' || (hint === undefined && isZip(bytes))) return zipKind(bytes);
  if (isZip(bytes)) {
    throw new UploadRefused('UPLOAD_BAD_SIGNATURE', `文件“${file.filename}”的内容是压缩包（xlsx/zip），与扩展名不符，请检查文件`, { filename: file.filename });
  }
  assertTextUpload(bytes, limits, hint === 'csv' ? 'CSV' : '文本');
  switch (hint) {
    case 'csv':
    case 'json':
      return hint;
    case 'xml':
      return xmlKind(decodeUtf8Text(headOf(bytes), ['<']));
    case 'gift':
    case undefined: {
      const head = decodeUtf8Text(headOf(bytes));
      const sniffed = sniffTextFormat(head);
      if (sniffed === 'csv') return 'csv';
      if (hint === 'gift') return 'gift';
      if (sniffed === 'xml') return xmlKind(head);
      if (sniffed !== undefined) return sniffed;
      throw new UploadRefused('UPLOAD_UNKNOWN_FORMAT', `无法识别文件“${file.filename}”的格式。${SUPPORTED}`, { filename: file.filename });
    }
    default: {
      const never: never = hint;
      return never;
    }
  }
}

async function parseAs(format: ItemFileFormat, bytes: Uint8Array, ctx: ImportContext, lim: UploadLimits): Promise<ItemDraft[]> {
  const rows = { maxRows: lim.maxRows };
  switch (format) {
    case 'xlsx':
      return (await importItemsXlsx(bytes, ctx, lim)).items;
    case 'qti3-package':
      return (await importQtiPackageZip(bytes, ctx, lim)).items;
    case 'csv':
      return parseItemsCsv(bytes, ctx, rows).items;
    case 'json':
      return parseItemsJson(bytes, ctx, rows).items;
    case 'gift':
      return parseGift(bytes, ctx, rows).items;
    case 'moodle-xml':
      return parseMoodleXml(bytes, ctx, rows).items;
    case 'qti3-item':
      return parseQti3Item(bytes, ctx).items;
    default: {
      const never: never = format;
      return never;
    }
  }
}

/** The first 64 KiB, cut back to a whole UTF-8 character so the sniffing decode cannot fail mid-character. */
function headOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= 65536) return bytes;
  let end = 65536;
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

function xmlKind(text: string): ItemFileFormat {
  switch (xmlFormatOf(text)) {
    case 'moodle-xml':
      return 'moodle-xml';
    case 'qti3-item':
      return 'qti3-item';
    case 'manifest':
      throw new UploadRefused('UPLOAD_UNKNOWN_FORMAT', '这是 QTI 题目包的 imsmanifest.xml：请把整个题目包（manifest 和各试题文件）打成 zip 上传', {});
    case undefined: {
      const root = xmlRootName(text);
      throw new UploadRefused(
        'UPLOAD_UNKNOWN_FORMAT',
        root === 'assessmentItem' ? '这是 QTI 2.x 试题，本系统只接受 QTI 3.0（qti-assessment-item）' : `无法识别的 XML（根元素 <${root ?? '?'}>）。${SUPPORTED}`,
        { root },
      );
    }
  }
}

/** A zip is an xlsx when it has `xl/workbook.xml` and no manifest; otherwise a QTI package. Lists names only. */
async function zipKind(bytes: Uint8Array): Promise<'xlsx' | 'qti3-package'> {
  if (!isZip(bytes)) return 'qti3-package'; // the package reader reports the bad signature
  try {
    const zip = await JSZip.loadAsync(bytes); // reads the central directory; nothing is inflated here
    return zip.file('xl/workbook.xml') !== null && zip.file('imsmanifest.xml') === null ? 'xlsx' : 'qti3-package';
  } catch {
    return 'qti3-package'; // the package reader reports the damage
  }
}
