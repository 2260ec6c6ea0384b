import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { ImportRejected } from '../../question-bank/errors';
import { formatRowError, type ItemFileFormat } from '../../question-bank/formats';
import { parseItemFile } from '../../server/bank/item-file';
import { buildQtiPackageZip } from '../../server/bank/item-qti-zip';
import { exportItemsXlsx } from '../../server/bank/item-xlsx';
import { bankFields, ctx, fixture, fixturePath, refused, sampleBank } from '../question-bank/formats/helpers';

/** Zip the hand-written package directory, optionally under a top-level folder (as “zip this folder” does). */
async function zipPackage(folder = ''): Promise<Uint8Array> {
  const zip = new JSZip();
  const root = fixturePath('qti-package');
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}${name}/`);
      else zip.file(`${folder}${rel}${name}`, readFileSync(full));
    }
  };
  walk(root, '');
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

describe('parseItemFile picks the format by extension and content', () => {
  it.each<[string, string, ItemFileFormat, number]>([
    ['电工四级.csv', 'dianggong-4.csv', 'csv', 6],
    ['电工四级.json', 'items.json', 'json', 4],
    ['moodle导出.xml', 'moodle.xml', 'moodle-xml', 4],
    ['题库.gift', 'dianggong-4.gift', 'gift', 6],
    ['题库.txt', 'dianggong-4.gift', 'gift', 6],
    ['单题.xml', 'qti-single.xml', 'qti3-item', 1],
    ['导出.TXT', 'dianggong-4.csv', 'csv', 6],
    ['没有扩展名', 'items.json', 'json', 4],
    ['没有扩展名', 'moodle.xml', 'moodle-xml', 4],
  ])('%s (%s) → %s', async (filename, name, format, count) => {
    const parsed = await parseItemFile({ filename, bytes: fixture(name) }, ctx);
    expect(parsed.format).toBe(format);
    expect(parsed.items).toHaveLength(count);
  });

  it('a QTI 3.0 package zip built from the hand-written files, at the root or inside a folder', async () => {
    for (const folder of ['', '电工四级题目包/']) {
      const parsed = await parseItemFile({ filename: 'qti.zip', bytes: await zipPackage(folder) }, ctx);
      expect(parsed.format).toBe('qti3-package');
      expect(parsed.items.map((i) => [i.type, i.pointCode])).toEqual([
        ['judge', 'A-A-001'],
        ['subjective', 'B-A-001'],
      ]);
    }
  });

  it('an xlsx, also when renamed .zip or sent without a name', async () => {
    const bytes = await exportItemsXlsx(sampleBank());
    for (const filename of ['题库.xlsx', '题库.zip', 'upload']) {
      const parsed = await parseItemFile({ filename, bytes }, ctx);
      expect(parsed.format).toBe('xlsx');
      expect(parsed.items).toHaveLength(6);
    }
  });
});

describe('parseItemFile says what is wrong with the file itself', () => {
  it('a .csv that is really a workbook', async () => {
    const e = await refused(async () => parseItemFile({ filename: '题库.csv', bytes: await exportItemsXlsx(sampleBank()) }, ctx), 'UPLOAD_BAD_SIGNATURE');
    expect(e.message).toContain('与扩展名不符');
  });

  it('a manifest alone, a QTI 2 item, an unknown XML, an unknown text', async () => {
    const manifest = await refused(() => parseItemFile({ filename: 'imsmanifest.xml', bytes: fixture('qti-package/imsmanifest.xml') }, ctx), 'UPLOAD_UNKNOWN_FORMAT');
    expect(manifest.message).toContain('打成 zip');
    const qti2 = await refused(() => parseItemFile({ filename: 'old.xml', bytes: fixture('qti2-item.xml') }, ctx), 'UPLOAD_UNKNOWN_FORMAT');
    expect(qti2.message).toContain('QTI 2.x');
    await refused(() => parseItemFile({ filename: 'x.xml', bytes: new TextEncoder().encode('<html><body/></html>') }, ctx), 'UPLOAD_UNKNOWN_FORMAT');
    const text = await refused(() => parseItemFile({ filename: 'notes', bytes: new TextEncoder().encode('今天开会') }, ctx), 'UPLOAD_UNKNOWN_FORMAT');
    expect(text.message).toContain('支持的格式');
  });

  it('a zip without imsmanifest.xml', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', '说明');
    const e = await refused(async () => parseItemFile({ filename: 'x.zip', bytes: await zip.generateAsync({ type: 'uint8array' }) }, ctx), 'UPLOAD_MALFORMED');
    expect(e.message).toContain('imsmanifest.xml');
  });

  it('a QTI package carrying a zip bomb', async () => {
    const zip = await JSZip.loadAsync(await zipPackage());
    zip.file('media/video.bin', new Uint8Array(30 * 1024 * 1024));
    await refused(async () => parseItemFile({ filename: 'qti.zip', bytes: await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }) }, ctx), 'UPLOAD_ZIP_BOMB');
  });

  it('row errors carry the format and how to word their place', async () => {
    const err = await parseItemFile({ filename: 'bad.gift', bytes: fixture('bad.gift') }, ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    const rejected = err as ImportRejected;
    expect(rejected.details).toMatchObject({ format: 'gift', rowPlace: 'line' });
    expect(formatRowError(rejected.errors[0]!, 'line')).toMatch(/^第 3 行 “答案”：/);
  });
});

describe('round trips through files', () => {
  it('QTI 3.0: buildQtiPackageZip → parseItemFile gives the same bank, byte-identical on a second build', async () => {
    const bank = sampleBank();
    const zip = await buildQtiPackageZip(bank);
    expect(Buffer.compare(zip, await buildQtiPackageZip(bank))).toBe(0);
    const listing = Object.keys((await JSZip.loadAsync(zip)).files).sort();
    expect(listing).toEqual(['imsmanifest.xml', 'items/', ...bank.map((i) => `items/${i.id}.xml`)].sort());
    const parsed = await parseItemFile({ filename: '题库.zip', bytes: zip }, ctx);
    expect(parsed.format).toBe('qti3-package');
    expect(bankFields(parsed.items)).toEqual(bankFields(bank));
  });

  it('xlsx: exportItemsXlsx → parseItemFile gives the same bank', async () => {
    const bank = sampleBank();
    const parsed = await parseItemFile({ filename: '题库.xlsx', bytes: await exportItemsXlsx(bank) }, ctx);
    expect(bankFields(parsed.items)).toEqual(bankFields(bank));
  });
});
