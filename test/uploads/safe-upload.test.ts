import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DEFAULT_UPLOAD_LIMITS, readXlsxRows, readZipSafely } from '../../server/uploads';
import { parseItemFile } from '../../server/bank/item-file';
import { ctx, refused } from '../question-bank/formats/helpers';
import { lieAboutSize, xlsxOf } from './helpers';

const header = ['题型', '鉴定点', '题干', '答案'];
const judgeRow = (n: number) => ['判断', 'A-A-001', `第 ${n} 题：接地可以防止触电。`, '对'];

describe('upload limits: defaults', () => {
  it('are 10 MB, 20,000 rows, 100 MB expanded, ratio 100', () => {
    expect(DEFAULT_UPLOAD_LIMITS).toMatchObject({ maxBytes: 10 * 1024 * 1024, maxRows: 20_000, maxUncompressedBytes: 100 * 1024 * 1024, maxEntryRatio: 100 });
  });
});

describe('every refusal has a stable code, an HTTP-worthy kind and a Chinese message', () => {
  it('UPLOAD_TOO_LARGE: a file over the byte limit (413), for xlsx and text alike', async () => {
    const xlsx = await xlsxOf([{ name: '试题', rows: [header, judgeRow(1)] }]);
    const e = await refused(() => readXlsxRows(xlsx, { maxBytes: 1024 }), 'UPLOAD_TOO_LARGE');
    expect(e.kind).toBe('tooLarge');
    expect(e.message).toMatch(/超过上限 1 KB/);
    const bigCsv = new TextEncoder().encode(`${header.join(',')}\n${'判断,A-A-001,很长的题干,对\n'.repeat(400_000)}`);
    expect(bigCsv.byteLength).toBeGreaterThan(DEFAULT_UPLOAD_LIMITS.maxBytes);
    await refused(() => parseItemFile({ filename: '题库.csv', bytes: bigCsv }, ctx), 'UPLOAD_TOO_LARGE');
  });

  it('UPLOAD_BAD_SIGNATURE: an “xlsx” that is not a zip, an old .xls, a binary “CSV”, a zip that is no workbook', async () => {
    const notZip = await refused(() => readXlsxRows(new TextEncoder().encode('题型,鉴定点\n判断,A-A-001\n')), 'UPLOAD_BAD_SIGNATURE');
    expect(notZip.message).toContain('以 PK 开头');
    const xls = await refused(() => readXlsxRows(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), 'UPLOAD_BAD_SIGNATURE');
    expect(xls.message).toContain('另存为 .xlsx');
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
    expect((await refused(() => parseItemFile({ filename: '题库.csv', bytes: png }, ctx), 'UPLOAD_BAD_SIGNATURE')).message).toContain('PNG');
    const nul = new TextEncoder().encode('题型,鉴定点,题干,答案\n判断,A-A-001,接地\u0000,对\n');
    await refused(() => parseItemFile({ filename: '题库.csv', bytes: nul }, ctx), 'UPLOAD_BAD_SIGNATURE');
    const docx = new JSZip();
    docx.file('word/document.xml', '<w:document/>');
    const e = await refused(async () => readXlsxRows(await docx.generateAsync({ type: 'uint8array' })), 'UPLOAD_BAD_SIGNATURE');
    expect(e.message).toContain('不是 Excel 工作簿');
  });

  it('UPLOAD_BAD_SIGNATURE: a macro-enabled workbook', async () => {
    const zip = await JSZip.loadAsync(await xlsxOf([{ name: '试题', rows: [header, judgeRow(1)] }]));
    zip.file('xl/vbaProject.bin', new Uint8Array([1, 2, 3]));
    const e = await refused(async () => readXlsxRows(await zip.generateAsync({ type: 'uint8array' })), 'UPLOAD_BAD_SIGNATURE');
    expect(e.message).toContain('宏');
  });

  it('UPLOAD_MALFORMED: a truncated zip', async () => {
    const xlsx = await xlsxOf([{ name: '试题', rows: [header, judgeRow(1)] }]);
    await refused(() => readXlsxRows(xlsx.subarray(0, 200)), 'UPLOAD_MALFORMED');
  });

  it('UPLOAD_FORMULA: any formula, named by sheet and cell, even on another sheet or shared', async () => {
    const withFormula = await xlsxOf([{ name: '试题', rows: [header, judgeRow(1), ['判断', 'A-A-002', { formula: 'C2&"（续）"', result: '第 1 题（续）' }, '对']] }]);
    const e = await refused(() => readXlsxRows(withFormula), 'UPLOAD_FORMULA');
    expect(e.message).toBe('工作表“试题”的 C3 单元格含公式，不接受含公式的文件：请复制后“选择性粘贴 → 数值”，再上传');
    expect(e.details).toEqual({ sheet: '试题', cell: 'C3' });
    const elsewhere = await xlsxOf([
      { name: '试题', rows: [header, judgeRow(1)] },
      { name: '统计', rows: [[1, 2], [{ formula: 'A1+B1', result: 3 }, { sharedFormula: 'A2', result: 4 }]] },
    ]);
    const e2 = await refused(() => readXlsxRows(elsewhere), 'UPLOAD_FORMULA');
    expect(e2.details).toEqual({ sheet: '统计', cell: 'A2' });
  });

  it('UPLOAD_ZIP_BOMB: a highly compressible entry is refused from the directory, before inflating', async () => {
    const zip = await JSZip.loadAsync(await xlsxOf([{ name: '试题', rows: [header, judgeRow(1)] }]));
    zip.file('xl/media/padding.bin', new Uint8Array(20 * 1024 * 1024)); // 20 MB of zeros → ~20 KB
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    const e = await refused(() => readXlsxRows(bomb), 'UPLOAD_ZIP_BOMB');
    expect(e.kind).toBe('tooLarge');
    expect(e.message).toMatch(/“xl\/media\/padding\.bin”的压缩比为 \d+:1，超过上限 100:1/);
  });

  it('UPLOAD_ZIP_BOMB: too much in total, even when each entry’s ratio is modest', async () => {
    const zip = new JSZip();
    let text = '';
    for (let i = 0; text.length < 600_000; i++) text += `${i * 7919} 号试题：电气设备接地电阻 ${i % 97} 欧\n`;
    for (let n = 0; n < 4; n++) zip.file(`items/part-${n}.xml`, text);
    const bytes = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    const e = await refused(() => readZipSafely(bytes, { ...DEFAULT_UPLOAD_LIMITS, maxUncompressedBytes: 2_000_000 }), 'UPLOAD_ZIP_BOMB');
    expect(e.message).toContain('解压后共');
  });

  it('UPLOAD_ZIP_BOMB: a directory that under-states an entry’s size is caught while inflating', async () => {
    const zip = new JSZip();
    zip.file('xl/workbook.xml', '<workbook/>');
    zip.file('xl/data.bin', new Uint8Array(3_000_000));
    const forged = lieAboutSize(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), 'xl/data.bin', 1000);
    const e = await refused(() => readXlsxRows(forged), 'UPLOAD_ZIP_BOMB');
    expect(e.message).toContain('实际解压大小超过其声明的 1000 字节');
  });

  it('UPLOAD_TOO_MANY_ROWS: more data rows than the limit, the default included', async () => {
    const rows = [header, ...Array.from({ length: 30 }, (_, i) => judgeRow(i + 1))];
    const e = await refused(async () => readXlsxRows(await xlsxOf([{ name: '试题', rows }]), { maxRows: 20 }), 'UPLOAD_TOO_MANY_ROWS');
    expect(e.kind).toBe('tooLarge');
    expect(e.details).toEqual({ sheet: '试题', count: 30, max: 20 });
    const many = [header, ...Array.from({ length: 20_001 }, (_, i) => judgeRow(i + 1))];
    const e2 = await refused(async () => readXlsxRows(await xlsxOf([{ name: '试题', rows: many }])), 'UPLOAD_TOO_MANY_ROWS');
    expect(e2.message).toContain('20001 行数据，超过单次导入上限 20000 行');
  });

  it('UPLOAD_PROTOTYPE_KEY: __proto__, constructor or prototype as a column name', async () => {
    for (const key of ['__proto__', 'constructor', ' Prototype ']) {
      const xlsx = await xlsxOf([{ name: '考生', rows: [['姓名', key], ['张三', 'x']] }]);
      const e = await refused(() => readXlsxRows(xlsx), 'UPLOAD_PROTOTYPE_KEY');
      expect(e.message).toContain('工作表“考生”的表头含不允许的列名');
    }
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });
});

describe('zip entry count', () => {
  it('UPLOAD_ZIP_BOMB: more entries than allowed', async () => {
    const zip = new JSZip();
    for (let i = 0; i < 12; i++) zip.file(`items/q${i}.xml`, '<x/>');
    const bytes = await zip.generateAsync({ type: 'uint8array' });
    const e = await refused(() => readZipSafely(bytes, { ...DEFAULT_UPLOAD_LIMITS, maxEntries: 10 }), 'UPLOAD_ZIP_BOMB');
    expect(e.message).toBe('压缩包内有 12 个文件，超过上限 10 个');
  });
});
