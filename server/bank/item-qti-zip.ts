import JSZip from 'jszip';
import {
  UploadRefused,
  decodeUtf8Text,
  exportQti3,
  parseQti3Package,
  type ExportableItem,
  type ImportContext,
  type ParsedItems,
} from '../../question-bank/formats';
import { readZipSafely, resolveLimits, type UploadLimits } from '../uploads';

/** Fixed entry date, so the same items always zip to the same bytes. */
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1));

/**
 * Zip a QTI 3.0 content package of `items` (imsmanifest.xml at the root, items under `items/`).
 * Example: `await fs.writeFile('bank.zip', await buildQtiPackageZip(items))`.
 */
export async function buildQtiPackageZip(items: readonly ExportableItem[]): Promise<Buffer> {
  const pkg = exportQti3(items);
  const zip = new JSZip();
  zip.file('imsmanifest.xml', pkg.manifest, { date: ZIP_DATE });
  for (const f of pkg.items) zip.file(f.path, f.xml, { date: ZIP_DATE });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

/**
 * Import a QTI 3.0 content package zip: safe unzip (`readZipSafely`: size, signature, zip-bomb limits), then
 * `parseQti3Package`. The manifest may sit at the root or inside one top-level folder (a zipped folder).
 * Throws `UploadRefused` (no imsmanifest.xml, encoding, limits …) or `ImportRejected`.
 */
export async function importQtiPackageZip(bytes: Uint8Array, ctx: ImportContext, limits?: Partial<UploadLimits>): Promise<ParsedItems> {
  const lim = resolveLimits(limits);
  const { files } = await readZipSafely(bytes, lim, { keep: (p) => /\.xml$/i.test(p), what: 'QTI 题目包（zip）' });
  const manifests = [...files.keys()].filter((p) => p === 'imsmanifest.xml' || p.endsWith('/imsmanifest.xml'));
  manifests.sort((a, b) => a.split('/').length - b.split('/').length);
  const manifestPath = manifests[0];
  if (manifestPath === undefined) {
    throw new UploadRefused('UPLOAD_MALFORMED', '压缩包中没有 imsmanifest.xml，不是 QTI 题目包', {});
  }
  const base = manifestPath.slice(0, manifestPath.length - 'imsmanifest.xml'.length);
  const text = new Map<string, string>();
  for (const [path, data] of files) {
    if (!path.startsWith(base)) continue;
    try {
      text.set(path.slice(base.length), decodeUtf8Text(data));
    } catch (e) {
      if (e instanceof UploadRefused) throw new UploadRefused(e.code, `${path}：${e.message}`, { ...e.details, entry: path });
      throw e;
    }
  }
  return parseQti3Package({ manifest: text.get('imsmanifest.xml')!, files: text }, ctx, { maxRows: lim.maxRows });
}
