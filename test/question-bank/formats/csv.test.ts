import { describe, expect, it } from 'vitest';
import { exportItemsCsv, formatRowError, parseCsv, parseItemsCsv } from '../../../question-bank/formats';
import { bankFields, ctx, fixture, fixtureText, refused, rejectedRows, sampleBank } from './helpers';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('CSV import (hand-written 电工四级 file: UTF-8 with BOM, CRLF, Chinese header)', () => {
  const { items } = parseItemsCsv(fixture('dianggong-4.csv'), ctx);

  it('reads every row, skipping the blank line and ignoring the extra 备注 column', () => {
    expect(items.map((i) => [i.externalId, i.type, i.pointCode])).toEqual([
      ['DG4-0001', 'single', 'A-B-001'],
      ['DG4-0002', 'multi', 'A-B-002'],
      ['DG4-0003', 'judge', 'A-A-001'],
      ['DG4-0004', 'judge', 'A-A-002'],
      ['DG4-0005', 'single', 'A-C-001'],
      ['DG4-0006', 'subjective', 'B-A-001'],
    ]);
    expect(items.every((i) => i.occupationCode === '6-31-01-03' && i.level === 4)).toBe(true);
  });

  it('keeps statistics given and fills the defaults (0.65, 0.3, 启用) where the cells are empty', () => {
    expect(items[0]).toMatchObject({ difficulty: 0.72, discrimination: 0.35, status: 'active', enemyGroup: null, key: ['C'] });
    expect(items[2]).toMatchObject({ difficulty: 0.65, discrimination: 0.3, status: 'active', key: ['T'] });
    expect(items[4]).toMatchObject({ discrimination: -0.05, status: 'draft', enemyGroup: 'G-电机' });
  });

  it('understands the ways offices write answers: “A,C,D”, √, 错, a lower-case letter', () => {
    expect(items[1]!.key).toEqual(['A', 'C', 'D']);
    expect(items[1]!.options.map((o) => o.text)).toEqual(['橡胶', '铜', '云母', '陶瓷', '铝']);
    expect(items[2]!.options).toEqual([
      { label: 'T', text: '正确' },
      { label: 'F', text: '错误' },
    ]);
    expect(items[3]!.key).toEqual(['F']);
    expect(items[4]!.key).toEqual(['C']);
  });

  it('honours RFC 4180 quoting: doubled quotes, commas and line breaks inside a cell', () => {
    expect(items[3]!.stem).toBe('用万用表测量电阻时，"必须"先断开被测电路的电源。');
    expect(items[4]!.options[2]!.text).toBe('定子电流的相序,即 U-V-W 的顺序');
    expect(items[5]!.reference).toBe('1. 立即切断电源或用绝缘物使触电者脱离电源；\n2. 判断意识、呼吸和心跳；\n3. 呼叫急救，必要时进行心肺复苏。');
    expect(items[5]!.key).toEqual([]);
  });

  it('gives the same items without the BOM and with LF line ends', () => {
    const plain = fixtureText('dianggong-4.csv').replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
    expect(parseItemsCsv(utf8(plain), ctx).items).toEqual(items);
  });
});

describe('CSV import refuses a bad file as a whole and names every problem in Chinese', () => {
  it('lists each row error with its row number and column', async () => {
    const errors = await rejectedRows(() => parseItemsCsv(fixture('bad.csv'), ctx));
    expect(errors.map((e) => formatRowError(e))).toEqual([
      '第 2 行 “答案” 列：单选题答案必须是一个选项字母（如 B），当前为“CD”',
      '第 3 行 “选项C” 列：选项不连续：选项B 为空，但选项C 有内容',
      '第 4 行 “鉴定点” 列：鉴定点“A-A-01”格式不对：应为以“-”相连的大写字母段加三位数字，如 A-B-001',
      '第 4 行 “答案” 列：判断题答案只能是 对/错、正确/错误、T/F 或 √/×，当前为“不对”',
      '第 5 行 “题型” 列：无法识别的题型“填空题”，可填 判断、单选、多选、简答（或 计算、论述）',
      '第 6 行 “题干” 列：题干不能为空',
      '第 6 行 “难度” 列：难度必须是大于 0、不超过 1 的数（如 0.65），当前为“1.2”',
      '第 6 行 “区分度” 列：区分度必须是 -1 到 1 之间的数（如 0.3），当前为“2”',
      '第 8 行 “题干” 列：与第 7 行题干重复（选项也相同）',
      '第 9 行 “状态” 列：无法识别的状态“暂停”，可填 启用、草稿、停用（或 active、draft、retired）',
    ]);
  });

  it('names a missing required column on the header row', async () => {
    const errors = await rejectedRows(() => parseItemsCsv('题型,题干,答案\n判断,接地可防触电。,对\n', ctx));
    expect(errors).toEqual([
      { row: 1, column: '鉴定点', problem: expect.stringContaining('缺少必需的列“鉴定点”') },
    ]);
  });

  it('reports an unclosed quote instead of swallowing the rest of the file', async () => {
    const text = '题型,鉴定点,题干,答案\n判断,A-A-001,"接地可防触电。,对\n判断,A-A-002,绝缘手套须定期试验。,对\n';
    const errors = await rejectedRows(() => parseItemsCsv(text, ctx));
    expect(errors[0]).toMatchObject({ row: 2, problem: expect.stringContaining('引号未闭合') });
  });

  it('explains a tab-separated export instead of reporting missing columns', async () => {
    const errors = await rejectedRows(() => parseItemsCsv('题型\t鉴定点\t题干\t答案\n判断\tA-A-001\t接地可防触电。\t对\n', ctx));
    expect(errors[0]!.problem).toContain('CSV UTF-8（逗号分隔）');
  });
});

describe('CSV encoding and safety', () => {
  it('says a GBK file from Excel’s plain “CSV” is GBK and how to save it as UTF-8', async () => {
    const e = await refused(() => parseItemsCsv(fixture('excel-gbk.csv'), ctx), 'UPLOAD_BAD_ENCODING');
    expect(e.message).toContain('GBK');
    expect(e.message).toContain('CSV UTF-8');
  });

  it('refuses UTF-16 by its BOM', async () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...'题型'].map((c) => c.charCodeAt(0))).buffer)]);
    const e = await refused(() => parseItemsCsv(bytes, ctx), 'UPLOAD_BAD_ENCODING');
    expect(e.message).toContain('UTF-16');
  });

  it('recognises UTF-8 that was opened as Western text and saved again (é¢˜å¹²)', async () => {
    const good = fixtureText('dianggong-4.csv');
    const mangled = [...new TextEncoder().encode(good)].map((b) => String.fromCharCode(b)).join('');
    const e = await refused(() => parseItemsCsv(utf8(mangled), ctx), 'UPLOAD_BAD_ENCODING');
    expect(e.message).toContain('乱码');
  });

  it('refuses text with replacement characters (already damaged by a wrong conversion)', async () => {
    await refused(() => parseItemsCsv(utf8('题型,鉴定点,题干,答案\n判断,A-A-001,接地可防\uFFFD\uFFFD触电。,对\n'), ctx), 'UPLOAD_BAD_ENCODING');
  });

  it('refuses binary content (an xlsx renamed to .csv)', async () => {
    const e = await refused(() => parseItemsCsv(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]), ctx), 'UPLOAD_BAD_SIGNATURE');
    expect(e.message).toContain('xlsx/zip');
  });

  it('refuses a __proto__ column before reading any row', async () => {
    const e = await refused(() => parseItemsCsv('题型,鉴定点,题干,答案,__proto__\n判断,A-A-001,接地可防触电。,对,x\n', ctx), 'UPLOAD_PROTOTYPE_KEY');
    expect(e.details).toEqual({ key: '__proto__' });
  });

  it('refuses more data rows than allowed', async () => {
    const e = await refused(() => parseItemsCsv(fixture('dianggong-4.csv'), ctx, { maxRows: 3 }), 'UPLOAD_TOO_MANY_ROWS');
    expect(e.kind).toBe('tooLarge');
  });
});

describe('CSV export', () => {
  it('round-trips a bank, including text Excel would otherwise run as a formula', () => {
    const bank = sampleBank();
    const csv = exportItemsCsv(bank);
    expect(csv.startsWith('\uFEFF题型,鉴定点,题干,选项A')).toBe(true);
    // “-5℃…”, “=使用…”, “+ 加强…”, “@ 随意…” are written as text, not formulas.
    const cells = parseCsv(csv.slice(1)).records.flatMap((r) => r.fields);
    expect(cells).toContain("'-5℃ 以下停止室外焊接");
    expect(cells).toContain("'=使用防冻电缆");
    expect(cells.some((c) => /^[=+@-]/.test(c) && !/^-?\d/.test(c))).toBe(false);
    expect(bankFields(parseItemsCsv(csv, ctx).items)).toEqual(bankFields(bank));
  });
});

describe('parseCsv (RFC 4180)', () => {
  it('numbers records as Excel rows even when a quoted cell spans lines', () => {
    const { records, errors } = parseCsv('a,b\r\n"x\r\ny",z\r\n\r\nlast,"q""uote"');
    expect(errors).toEqual([]);
    expect(records).toEqual([
      { row: 1, fields: ['a', 'b'] },
      { row: 2, fields: ['x\r\ny', 'z'] },
      { row: 4, fields: ['last', 'q"uote'] },
    ]);
  });

  it('keeps trailing empty cells', () => {
    expect(parseCsv('a,,\n').records).toEqual([{ row: 1, fields: ['a', '', ''] }]);
  });
});
