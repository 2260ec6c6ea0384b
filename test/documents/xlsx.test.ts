import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  CANDIDATE_TEMPLATE_COLUMNS,
  candidateImportTemplateXlsx,
  DocumentInputInvalid,
  neutraliseCell,
  planXlsx,
  writeXlsx,
} from '../../server/documents';
import type { PlanRow } from '../../server/documents';
import { meta } from './fixtures';

async function readBack(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Row values as a plain array (exceljs rows are 1-based with a hole at 0). */
function rowValues(ws: ExcelJS.Worksheet, n: number): unknown[] {
  const values = ws.getRow(n).values as unknown[];
  return Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => values[i + 1] ?? null);
}

describe('neutraliseCell', () => {
  it('prefixes an apostrophe to text starting with = + - @ tab or CR, and leaves the rest alone', () => {
    expect(neutraliseCell('=HYPERLINK("http://x","点我")')).toBe('\'=HYPERLINK("http://x","点我")');
    expect(neutraliseCell('+86 138')).toBe("'+86 138");
    expect(neutraliseCell('-5')).toBe("'-5");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\tcmd')).toBe("'\tcmd");
    expect(neutraliseCell('\rcmd')).toBe("'\rcmd");
    expect(neutraliseCell('张三')).toBe('张三');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell(-5)).toBe(-5);
    expect(neutraliseCell(null)).toBeNull();
  });
});

describe('writeXlsx', () => {
  it('writes the header row exactly, numbers as numbers, and neutralises every dangerous text cell', async () => {
    const bytes = await writeXlsx(
      [
        {
          name: '考生',
          header: ['姓名', '单位', '分数'],
          rows: [
            ['张三', '=cmd|\' /C calc\'!A0', 86],
            ['@李四', '-某厂', -5],
            ['王五', null, 0],
          ],
        },
        { name: '说明', header: ['=说明'], rows: [] },
      ],
      meta,
    );
    const wb = await readBack(bytes);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考生', '说明']);
    const ws = wb.getWorksheet('考生')!;
    expect(rowValues(ws, 1)).toEqual(['姓名', '单位', '分数']);
    expect(rowValues(ws, 2)).toEqual(['张三', "'=cmd|' /C calc'!A0", 86]);
    expect(rowValues(ws, 3)).toEqual(["'@李四", "'-某厂", -5]);
    expect(rowValues(ws, 4)).toEqual(['王五', null, 0]);
    expect(ws.getCell('A2').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('B2').formula).toBeUndefined();
    expect(rowValues(wb.getWorksheet('说明')!, 1)).toEqual(["'=说明"]);
    expect(wb.creator).toBe('某某职业技术学院');
    expect(wb.created.toISOString()).toBe('2024-06-01T00:00:00.000Z');
  });

  it('puts an optional title row above the header', async () => {
    const wb = await readBack(await writeXlsx([{ name: 'S', title: '=标题', header: ['a'], rows: [[1]] }]));
    const ws = wb.getWorksheet('S')!;
    expect(ws.getCell('A1').value).toBe("'=标题");
    expect(rowValues(ws, 2)).toEqual(['a']);
    expect(rowValues(ws, 3)).toEqual([1]);
  });

  it('refuses sheet names Excel would refuse', async () => {
    await expect(writeXlsx([])).rejects.toBeInstanceOf(DocumentInputInvalid);
    await expect(writeXlsx([{ name: '成绩/汇总', header: [], rows: [] }])).rejects.toThrow(/sheets\[0\]\.name/);
    await expect(writeXlsx([{ name: 'x'.repeat(32), header: [], rows: [] }])).rejects.toThrow(/sheets\[0\]\.name/);
    await expect(
      writeXlsx([
        { name: '表', header: [], rows: [] },
        { name: '表', header: [], rows: [] },
      ]),
    ).rejects.toThrow(/sheets\[1\]\.name/);
  });
});

describe('认定计划 planXlsx', () => {
  const rows: PlanRow[] = [
    {
      occupationName: '电工',
      workType: null,
      counts: { 5: 10, 4: 25 },
      sittings: [
        { component: 'theory', date: '2024-06-15', start: '09:00', end: '10:30' },
        { component: 'practical', date: '2024-06-16', start: '08:30', end: '11:30' },
      ],
      venue: '某某职业技术学院实训楼',
      examiners: ['陈建国', '林海', '郑红'],
    },
    {
      occupationName: '焊工',
      workType: '电焊工',
      counts: { 3: 6, 2: 2 },
      sittings: [{ component: 'review', date: '2024-06-20', start: '14:00', end: '17:00' }],
      venue: '=HYPERLINK("http://evil")',
      examiners: ['王强'],
    },
  ];

  it('has the official columns, one row per occupation (工种), a 合计 row, and neutralised text', async () => {
    const wb = await readBack(await planXlsx({ rows }, meta));
    const ws = wb.getWorksheet('认定计划')!;
    expect(ws.getCell('A1').value).toBe('某某职业技术学院职业技能等级认定计划');
    expect(rowValues(ws, 2)).toEqual(['序号', '职业（工种）', '五级', '四级', '三级', '二级', '一级', '小计', '场次及时间', '评价场所', '考评人员']);
    expect(rowValues(ws, 3)).toEqual([
      1,
      '电工',
      10,
      25,
      null,
      null,
      null,
      35,
      '理论知识考试 2024-06-15 09:00-10:30\n技能操作考核 2024-06-16 08:30-11:30',
      '某某职业技术学院实训楼',
      '陈建国、林海、郑红',
    ]);
    expect(rowValues(ws, 4)).toEqual([2, '焊工（电焊工）', null, null, 6, 2, null, 8, '综合评审 2024-06-20 14:00-17:00', '\'=HYPERLINK("http://evil")', '王强']);
    expect(rowValues(ws, 5).slice(0, 8)).toEqual([null, '合计', 10, 25, 6, 2, 0, 43]);
    expect(ws.rowCount).toBe(5);
  });

  it('uses the title given', async () => {
    const ws = (await readBack(await planXlsx({ title: '2024年第二批认定计划', rows }, meta))).getWorksheet('认定计划')!;
    expect(ws.getCell('A1').value).toBe('2024年第二批认定计划');
  });
});

describe('考生信息导入模板 candidateImportTemplateXlsx', () => {
  it('has exactly the import columns, drop-downs, text-formatted ID column and an instructions sheet', async () => {
    const wb = await readBack(await candidateImportTemplateXlsx(meta));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['考生信息', '填写说明', '选项']);
    const ws = wb.getWorksheet('考生信息')!;
    expect(rowValues(ws, 1)).toEqual(['姓名', '性别', '证件类型', '证件号码', '出生日期', '文化程度', '工作单位/学校', '工作年限', '职业编码', '工种', '等级', '申报依据']);
    expect(CANDIDATE_TEMPLATE_COLUMNS).toHaveLength(12);
    expect(ws.rowCount).toBe(1);

    // 证件号码 as text: an 18-digit ID typed in stays an ID, not 1.10105E+17.
    expect(ws.getColumn(4).numFmt).toBe('@');
    expect(ws.getCell('B2').dataValidation).toMatchObject({ type: 'list', formulae: ['选项!$A$2:$A$3'] });
    expect(ws.getCell('K500').dataValidation).toMatchObject({ type: 'list', formulae: ['选项!$D$2:$D$6'] });

    const lists = wb.getWorksheet('选项')!;
    expect(lists.state).toBe('hidden');
    expect(rowValues(lists, 2)).toEqual(['男', '居民身份证', '初中及以下', '五级/初级工']);
    expect(lists.getCell('D6').value).toBe('一级/高级技师');
    expect(lists.getCell('B13').value).toBe('其他');

    const help = wb.getWorksheet('填写说明')!;
    expect(rowValues(help, 2)).toEqual(['列名', '是否必填', '填写要求', '示例']);
    const described = Array.from({ length: 12 }, (_, i) => help.getCell(i + 3, 1).value);
    expect(described).toEqual([...CANDIDATE_TEMPLATE_COLUMNS]);
  });

  it('offers the ID types and education levels given', async () => {
    const wb = await readBack(await candidateImportTemplateXlsx(meta, { idTypes: ['居民身份证', '中国护照'], educationLevels: ['本科'] }));
    const ws = wb.getWorksheet('考生信息')!;
    expect(ws.getCell('C2').dataValidation).toMatchObject({ formulae: ['选项!$B$2:$B$3'] });
    expect(ws.getCell('F2').dataValidation).toMatchObject({ formulae: ['选项!$C$2:$C$2'] });
  });
});
