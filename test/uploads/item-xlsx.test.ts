import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { formatRowError, itemHeader } from '../../question-bank/formats';
import { exportItemsXlsx, importItemsXlsx, itemTemplateXlsx } from '../../server/bank/item-xlsx';
import { bankFields, ctx, rejectedRows, sampleBank } from '../question-bank/formats/helpers';
import { xlsxOf } from './helpers';

async function load(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(buf) as unknown as ExcelJS.Buffer);
  return wb;
}

describe('item template (试题导入模板.xlsx)', () => {
  it('has the Chinese header, one example per type and an instructions sheet for every column', async () => {
    const wb = await load(await itemTemplateXlsx());
    expect(wb.worksheets.map((w) => w.name)).toEqual(['试题', '填写说明']);
    const items = wb.getWorksheet('试题')!;
    expect((items.getRow(1).values as unknown[]).slice(1)).toEqual(itemHeader());
    expect(itemHeader().slice(0, 14)).toEqual(['题型', '鉴定点', '题干', '选项A', '选项B', '选项C', '选项D', '选项E', '选项F', '选项G', '选项H', '答案', '难度', '区分度']);
    expect([2, 3, 4, 5].map((r) => items.getCell(r, 1).value)).toEqual(['判断题', '单选题', '多选题', '简答题']);
    const help = wb.getWorksheet('填写说明')!;
    const names = help.getColumn(1).values.filter((v): v is string => typeof v === 'string');
    for (const h of ['题型', '鉴定点', '题干', '选项A…选项H', '答案', '难度', '区分度', '互斥组', '状态', '选项分值', '编号']) expect(names).toContain(h);
  });

  it('imports as it stands: the examples are valid items of all four types', async () => {
    const { items } = await importItemsXlsx(await itemTemplateXlsx(), ctx);
    expect(items.map((i) => [i.type, i.pointCode, i.key.join('')])).toEqual([
      ['judge', 'A-A-001', 'T'],
      ['single', 'A-B-001', 'C'],
      ['multi', 'A-B-002', 'ACD'],
      ['subjective', 'B-A-001', ''],
    ]);
    expect(items[3]!.reference).toContain('\n2. 判断意识');
  });

  it('is the same file every time (no timestamps)', async () => {
    expect(Buffer.compare(await itemTemplateXlsx(), await itemTemplateXlsx())).toBe(0);
  });
});

describe('item xlsx import', () => {
  it('reads an office sheet with columns in its own order, Chinese aliases and numbers as numbers', async () => {
    const bytes = await xlsxOf([
      {
        name: 'Sheet1',
        rows: [
          ['试题编号', '题目', '类型', '正确答案', 'A', 'B', 'C', 'D', '鉴定点代码', '难度系数'],
          [null, '熔断器在电路中主要起（　）保护作用。', '单项选择题', 'B', '过载', '短路', '欠压', '漏电', 'A-D-003', 0.8],
          [null, '兆欧表使用前应进行开路和短路试验。', '判断', '√', null, null, null, null, 'A-D-004', null],
          [null, '三相电路中，下列属于对称负载条件的有（　）。', '多选', 'AB', '各相阻抗大小相等', '各相阻抗角相等', '各相电流为零', '中性线断开', 'A-D-005', 0.5],
        ],
      },
    ]);
    const { items } = await importItemsXlsx(bytes, ctx);
    expect(items.map((i) => [i.type, i.key.join(''), i.pointCode, i.difficulty])).toEqual([
      ['single', 'B', 'A-D-003', 0.8],
      ['judge', 'T', 'A-D-004', 0.65],
      ['multi', 'AB', 'A-D-005', 0.5],
    ]);
  });

  it('refuses a bad sheet as a whole, naming Excel row numbers and columns', async () => {
    const bytes = await xlsxOf([
      {
        name: '试题',
        rows: [
          ['题型', '鉴定点', '题干', '选项A', '选项B', '答案'],
          ['单选', 'A-B-001', '安全电压上限为（　）V。', '36', '42', 'C'],
          [],
          ['判断', 'A-B-002', '', null, null, '对'],
          ['多选', 'A-B-003', '下列属于导体的有（　）。', '铜', '铝', 'A'],
        ],
      },
    ]);
    const errors = await rejectedRows(() => importItemsXlsx(bytes, ctx));
    expect(errors.map((e) => formatRowError(e))).toEqual([
      '第 2 行 “答案” 列：答案中的 C 不在已填写的选项 A、B 中',
      '第 4 行 “题干” 列：题干不能为空',
      '第 5 行 “答案” 列：多选题答案至少包含两个选项字母（如 ABD），当前为“A”',
    ]);
  });
});

describe('item xlsx export', () => {
  it('round-trips a stored bank field by field', async () => {
    const bank = sampleBank();
    const { items } = await importItemsXlsx(await exportItemsXlsx(bank), ctx);
    expect(bankFields(items)).toEqual(bankFields(bank));
    expect(items.map((i) => i.externalId)).toEqual(bank.map((i) => i.id));
  });

  it('writes text as text: a stem starting with “=” is not a formula, numbers stay numbers', async () => {
    const wb = await load(await exportItemsXlsx(sampleBank()));
    const ws = wb.getWorksheet('试题')!;
    const optB = ws.getCell(6, itemHeader().indexOf('选项B') + 1);
    expect(optB.value).toBe('=使用防冻电缆');
    expect(optB.type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell(2, itemHeader().indexOf('难度') + 1).value).toBe(0.85);
    expect(ws.getCell(5, itemHeader().indexOf('选项分值') + 1).value).toBe('A=50%;B=-100%;C=50%;D=-100%');
  });
});
