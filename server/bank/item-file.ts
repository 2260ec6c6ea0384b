import JSZip from 'jszip';
import {
  UploadRefused,
  decodeUtf8Text,
  formatFromFilename,
  parseGift,
  parseItemsCsv,
  parseItemsJson,
  parseMoodleXml,
  parseQti3Item,
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
 * All limits apply (`UploadLimits`); throws `UploadRefused`, `ImportRejected` or `ImportEmpty`.
 *
 * Example: `const { format, items } = await parseItemFile({ filename: '电工四级.xlsx', bytes }, ctx)`.
 */
export async function parseItemFile(file: ItemFileUpload, ctx: ImportContext, limits?: Partial<UploadLimits>): Promise<ParsedItemFile> {
  const lim = resolveLimits(limits);
  const rows = { maxRows: lim.maxRows };
  const { bytes } = file;
  assertUploadSize(bytes, lim);
  const hint = formatFromFilename(file.filename);

  if (hint === 'xlsx' || hint === 'zip' || (hint === undefined && isZip(bytes))) {
    const kind = hint === 'xlsx' ? 'xlsx' : await zipKind(bytes);
    if (kind === 'xlsx') return { format: 'xlsx', items: (await importItemsXlsx(bytes, ctx, lim)).items };
    return { format: 'qti3-package', items: (await importQtiPackageZip(bytes, ctx, lim)).items };
  }
  if (isZip(bytes)) {
    throw new UploadRefused('UPLOAD_BAD_SIGNATURE', `文件“${file.filename}”的内容是压缩包（xlsx/zip），与扩展名不符，请检查文件`, { filename: file.filename });
  }
  assertTextUpload(bytes, lim, hint === 'csv' ? 'CSV' : '文本');
  let kind: ItemFileFormat | 'xml' | undefined = hint;
  if (hint === undefined || hint === 'gift') {
    const sniffed = sniffTextFormat(decodeUtf8Text(headOf(bytes)));
    kind = sniffed === 'csv' ? 'csv' : hint ?? sniffed;
  }
  switch (kind) {
    case 'csv':
      return { format: 'csv', items: parseItemsCsv(bytes, ctx, rows).items };
    case 'json':
      return { format: 'json', items: parseItemsJson(bytes, ctx, rows).items };
    case 'gift':
      return { format: 'gift', items: parseGift(bytes, ctx, rows).items };
    case 'xml':
    case 'moodle-xml':
    case 'qti3-item':
      return parseXmlFile(bytes, ctx, rows);
    case 'qti3-package':
    case undefined:
      throw new UploadRefused('UPLOAD_UNKNOWN_FORMAT', `无法识别文件“${file.filename}”的格式。${SUPPORTED}`, { filename: file.filename });
    default: {
      const never: never = kind;
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

function parseXmlFile(bytes: Uint8Array, ctx: ImportContext, rows: { maxRows: number }): ParsedItemFile {
  const text = decodeUtf8Text(bytes, ['<']);
  switch (xmlFormatOf(text)) {
    case 'moodle-xml':
      return { format: 'moodle-xml', items: parseMoodleXml(text, ctx, rows).items };
    case 'qti3-item':
      return { format: 'qti3-item', items: parseQti3Item(text, ctx).items };
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

/** A zip is an xlsx when it has `xl/workbook.xml`; otherwise it is treated as a QTI package. Lists names only. */
async function zipKind(bytes: Uint8Array): Promise<'xlsx' | 'qti3-package'> {
  if (!isZip(bytes)) return 'qti3-package'; // the package reader reports the bad signature
  try {
    const zip = await JSZip.loadAsync(bytes); // reads the directory; nothing is inflated here
    return zip.file('xl/workbook.xml') !== null && zip.file('imsmanifest.xml') === null ? 'xlsx' : 'qti3-package';
  } catch {
    return 'qti3-package';
  }
}
