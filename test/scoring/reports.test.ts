import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ID_TYPE_NAMES,
  ROSTER_COLUMNS,
  ReportRejected,
  buildResultSummary,
  buildRosterRows,
  idTypeName,
  neutraliseCell,
  type RosterEntry,
} from '../../scoring';
import { writeRosterXlsx } from '../../server/reports/roster-xlsx';
import { SUMMARY_COLUMNS, writeSummaryXlsx } from '../../server/reports/summary-xlsx';

function entry(over: Partial<RosterEntry> = {}): RosterEntry {
  return {
    name: '王小明',
    idType: '201',
    idNumber: '11010519491231002X',
    employer: '南昌市第一技工学校',
    occupationName: '电工',
    workTypeName: null,
    level: 4,
    certificateNumber: 'S000036010001224000123',
    issuedOn: '2024-07-01',
    assessor: '南昌市第一技工学校',
    issuer: '南昌市第一技工学校',
    ...over,
  };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scoring-reports-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function readSheet(path: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.worksheets[0]!;
  const rows: string[][] = [];
  ws.eachRow({ includeEmpty: false }, (r) => {
    const values = r.values as unknown[];
    rows.push(values.slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return rows;
}

describe('formula injection', () => {
  it('prefixes an apostrophe to cells starting with = + - @ tab or CR', () => {
    expect(neutraliseCell('=HYPERLINK("http://evil","点我")')).toBe('\'=HYPERLINK("http://evil","点我")');
    expect(neutraliseCell('+86 123')).toBe("'+86 123");
    expect(neutraliseCell('-2+3')).toBe("'-2+3");
    expect(neutraliseCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(neutraliseCell('\t=1')).toBe("'\t=1");
    expect(neutraliseCell('\r=1')).toBe("'\r=1");
  });

  it('leaves ordinary text alone', () => {
    expect(neutraliseCell('王小明')).toBe('王小明');
    expect(neutraliseCell('a=b')).toBe('a=b');
    expect(neutraliseCell('')).toBe('');
  });
});

describe('ID types', () => {
  it('names every code of the 人社 table', () => {
    expect(idTypeName('201')).toBe('居民身份证');
    expect(idTypeName('238')).toBe('台湾居民居住证');
    expect(idTypeName('240')).toBe('外国人工作许可证（B类）');
    expect(Object.keys(ID_TYPE_NAMES).sort()).toEqual(['201', '208', '210', '213', '227', '233', '237', '238', '239', '240', '241', '299']);
    expect(() => idTypeName('200')).toThrow(/未知的证件类型代码/);
  });
});

describe('合格人员花名册 (roster)', () => {
  it('builds rows in the exact column order with names for codes and -- for no 工种', () => {
    const [r] = buildRosterRows([entry()]);
    expect(r).toEqual([
      '王小明',
      '居民身份证',
      '11010519491231002X',
      '南昌市第一技工学校',
      '电工',
      '--',
      '四级/中级工',
      'S000036010001224000123',
      '2024-07-01',
      '南昌市第一技工学校',
      '南昌市第一技工学校',
    ]);
  });

  it('neutralises candidate-supplied text', () => {
    const [r] = buildRosterRows([entry({ employer: '=cmd|/C calc!A0', workTypeName: '-维修电工' })]);
    expect(r![3]).toBe("'=cmd|/C calc!A0");
    expect(r![5]).toBe("'-维修电工");
  });

  it('rejects the whole roster listing every bad row', () => {
    try {
      buildRosterRows([entry(), entry({ issuedOn: '2024/07/01', certificateNumber: 'S000036010001223000123' }), entry({ idType: '999' })]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ReportRejected);
      expect((e as ReportRejected).errors).toEqual([
        { row: 2, column: '发证日期', problem: '应为 YYYY-MM-DD，收到“2024/07/01”' },
        { row: 2, column: '证书编号', problem: '编号中的等级 3 与职业技能等级 4 不符' },
        { row: 3, column: '证件类型', problem: '未知的证件类型代码“999”' },
      ]);
    }
  });

  it('writes an xlsx whose header row is exactly the roster columns, read back with exceljs', async () => {
    const path = join(dir, 'roster.xlsx');
    async function* cursor() {
      yield entry();
      yield entry({ name: '李华', idNumber: '110105199001011234', workTypeName: '维修电工', level: 3, certificateNumber: 'S000036010001223000001' });
      yield entry({ name: '@evil', employer: '+1' });
    }
    const { rows } = await writeRosterXlsx(path, cursor());
    expect(rows).toBe(3);
    const sheet = await readSheet(path);
    expect(sheet[0]).toEqual(['姓名', '证件类型', '证件号码', '所在单位', '职业名称', '工种名称', '职业技能等级', '证书编号', '发证日期', '评价机构', '发证机构']);
    expect(sheet[0]).toEqual([...ROSTER_COLUMNS]);
    expect(sheet).toHaveLength(4);
    expect(sheet[2]).toEqual([
      '李华',
      '居民身份证',
      '110105199001011234',
      '南昌市第一技工学校',
      '电工',
      '维修电工',
      '三级/高级工',
      'S000036010001223000001',
      '2024-07-01',
      '南昌市第一技工学校',
      '南昌市第一技工学校',
    ]);
    expect(sheet[3]![0]).toBe("'@evil");
    expect(sheet[3]![3]).toBe("'+1");
  });

  it('leaves no file behind when a row is bad', async () => {
    const path = join(dir, 'bad-roster.xlsx');
    await expect(writeRosterXlsx(path, [entry(), entry({ name: '' })])).rejects.toThrow(ReportRejected);
    const left = (await readdir(dir)).filter((f) => f.includes('bad-roster'));
    expect(left).toEqual([]);
  });
});

describe('认定结果汇总表 (summary)', () => {
  const summary = buildResultSummary([
    { occupationCode: '6-31-01-03', occupationName: '电工', level: 4 },
    { occupationCode: '6-31-01-03', occupationName: '电工', level: 4 },
    { occupationCode: '6-31-01-03', occupationName: '电工', level: 3 },
    { occupationCode: '6-31-01-03', occupationName: '电工', workTypeName: '维修电工', level: 2, count: 5 },
    { occupationCode: '4-10-01-05', occupationName: '养老护理员', level: 5, count: 12 },
  ]);

  it('counts per occupation × 工种 and level, with subtotals and a total', () => {
    expect(summary.lines.map((l) => [l.occupationName, l.workTypeName, l.byLevel[5], l.byLevel[4], l.byLevel[3], l.byLevel[2], l.byLevel[1], l.subtotal])).toEqual([
      ['养老护理员', '--', 12, 0, 0, 0, 0, 12],
      ['电工', '--', 0, 2, 1, 0, 0, 3],
      ['电工', '维修电工', 0, 0, 0, 5, 0, 5],
    ]);
    expect(summary.totals).toEqual({ byLevel: { 5: 12, 4: 2, 3: 1, 2: 5, 1: 0 }, total: 20 });
  });

  it('refuses one occupation code with two names', () => {
    expect(() =>
      buildResultSummary([
        { occupationCode: '6-31-01-03', occupationName: '电工', level: 4 },
        { occupationCode: '6-31-01-03', occupationName: '维修电工', level: 4 },
      ]),
    ).toThrow(/对应两个名称/);
  });

  it('writes the header, the level columns 五级…一级 and the total line', async () => {
    const path = join(dir, 'summary.xlsx');
    await writeSummaryXlsx(path, summary, { organization: '南昌市第一技工学校', reportDate: '2024-07-15', filingNumber: 'JX-2024-017' });
    const sheet = await readSheet(path);
    expect(sheet[0]![0]).toBe('职业技能等级认定结果汇总表');
    expect(sheet[1]!.join('|')).toContain('评价机构：南昌市第一技工学校');
    expect(sheet[1]!.join('|')).toContain('备案号：JX-2024-017');
    expect(sheet[1]!.join('|')).toContain('填报日期：2024-07-15');
    expect(sheet[2]).toEqual([...SUMMARY_COLUMNS]);
    expect(SUMMARY_COLUMNS.slice(4, 9)).toEqual(['五级/初级工', '四级/中级工', '三级/高级工', '二级/技师', '一级/高级技师']);
    expect(sheet[3]).toEqual(['1', '4-10-01-05', '养老护理员', '--', '12', '0', '0', '0', '0', '12']);
    const last = sheet[sheet.length - 1]!;
    expect(last[0]).toBe('合计');
    expect(last.slice(-6)).toEqual(['12', '2', '1', '5', '0', '20']);
  });
});
