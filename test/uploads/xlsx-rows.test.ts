import { describe, expect, it } from 'vitest';
import { ImportRejected } from '../../question-bank/errors';
import { readXlsxRows } from '../../server/uploads';
import { refused } from '../question-bank/formats/helpers';
import { xlsxOf } from './helpers';

/** A candidate list, the other importer that reuses the reader. */
const candidates = () =>
  xlsxOf([
    { name: '说明', rows: [['请在“考生”表中填写']] },
    {
      name: '考生',
      rows: [
        ['姓名', '证件号码', '出生日期', '准考', '', '单位', '  备注  '],
        ['张三', '11010519491231002X', new Date(Date.UTC(1990, 4, 17)), true, '忽略', { richText: [{ text: '南昌' }, { text: '技师学院', font: { bold: true } }] }, '  首次报考 '],
        [],
        ['李四', '110105194912310037', new Date(Date.UTC(1988, 0, 2, 8, 30)), false, null, { text: '官网', hyperlink: 'https://example.org' }, 42.5],
        [null, null, null, null, '只有无表头的列有内容', null, null],
      ],
    },
  ]);

describe('readXlsxRows: one sheet as a generic table', () => {
  it('reads the preferred sheet, cells as text by header, rows numbered as in Excel', async () => {
    const t = await readXlsxRows(await candidates(), undefined, { preferSheets: ['考生'] });
    expect(t.sheet).toBe('考生');
    expect(t.header).toEqual(['姓名', '证件号码', '出生日期', '准考', '单位', '备注']);
    expect(t.rows).toEqual([
      { row: 2, cells: { 姓名: '张三', 证件号码: '11010519491231002X', 出生日期: '1990-05-17', 准考: 'TRUE', 单位: '南昌技师学院', 备注: '首次报考' } },
      { row: 4, cells: { 姓名: '李四', 证件号码: '110105194912310037', 出生日期: '1988-01-02 08:30:00', 准考: 'FALSE', 单位: '官网', 备注: '42.5' } },
    ]);
  });

  it('rows carry no prototype (a later lookup of “toString” finds nothing)', async () => {
    const t = await readXlsxRows(await candidates(), undefined, { sheet: '考生' });
    expect(Object.getPrototypeOf(t.rows[0]!.cells)).toBeNull();
    expect(t.rows[0]!.cells['toString']).toBeUndefined();
  });

  it('takes the first sheet by default, a sheet by name or position, and says which exist', async () => {
    const bytes = await candidates();
    expect((await readXlsxRows(bytes)).sheet).toBe('说明');
    expect((await readXlsxRows(bytes, undefined, { sheet: 2 })).sheet).toBe('考生');
    const e = await refused(() => readXlsxRows(bytes, undefined, { sheet: '成绩' }), 'UPLOAD_MALFORMED');
    expect(e.message).toBe('工作簿中没有工作表“成绩”（现有：说明、考生）');
  });

  it('reads a header on another row', async () => {
    const bytes = await xlsxOf([{ name: 'S', rows: [['2024 年第一批考生名单'], ['姓名', '证件号码'], ['王五', '110105194912310053']] }]);
    expect((await readXlsxRows(bytes, undefined, { headerRow: 2 })).rows).toEqual([{ row: 3, cells: { 姓名: '王五', 证件号码: '110105194912310053' } }]);
  });

  it('rejects a duplicated column name as a row-1 error', async () => {
    const bytes = await xlsxOf([{ name: 'S', rows: [['姓名', '姓名'], ['王五', '赵六']] }]);
    const err = await readXlsxRows(bytes).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ImportRejected);
    expect((err as ImportRejected).errors).toEqual([{ row: 1, column: '姓名', problem: '列名“姓名”重复' }]);
  });
});
