import { describe, expect, it } from 'vitest';
import { escapeGift, exportGift, formatRowError, parseGift } from '../../../question-bank/formats';
import { bankFields, ctx, fixture, refused, rejectedRows, sampleBank } from './helpers';

describe('GIFT import (hand-written dianggong-4.gift)', () => {
  const { items } = parseGift(fixture('dianggong-4.gift'), ctx);

  it('reads single, weighted multi, {T}, {FALSE}, missing-word and essay questions; comments are ignored', () => {
    expect(items.map((i) => [i.type, i.key.join('')])).toEqual([
      ['single', 'C'],
      ['multi', 'AC'],
      ['judge', 'T'],
      ['judge', 'F'],
      ['single', 'B'],
      ['subjective', ''],
    ]);
  });

  it('drops titles and feedback, keeps partial-credit weights', () => {
    expect(items[0]!.stem).toBe('在一般环境条件下，我国规定的安全电压额定值上限为（　）V。');
    expect(items[0]!.options).toEqual([
      { label: 'A', text: '12' },
      { label: 'B', text: '24' },
      { label: 'C', text: '36' },
      { label: 'D', text: '42', fraction: 0.5 },
    ]);
    expect(items[1]!.options.map((o) => [o.text, o.fraction])).toEqual([
      ['橡胶', 0.5],
      ['铜', -1],
      ['云母', 0.5],
      ['铝', -1],
    ]);
  });

  it('unescapes \\: \\= \\{ \\} and makes a missing-word stem', () => {
    expect(items[3]!.stem).toBe('欧姆定律写作 I = U/R，电阻的单位是欧姆: Ω，与电流成反比的说法 {恒成立}。');
    expect(items[4]!.stem).toBe('测量设备绝缘电阻应使用 _____ 进行测量。');
    expect(items[4]!.options.map((o) => o.text)).toEqual(['万用表', '兆欧表', '钳形电流表']);
  });

  it('takes 鉴定点 from $CATEGORY or a [tag:…] comment, id and statistics from [id:…]/[tag:…]', () => {
    expect(items.map((i) => i.pointCode)).toEqual(['A-B-001', 'A-B-002', 'A-A-001', 'A-A-002', 'A-B-002', 'B-A-001']);
    expect(items[0]).toMatchObject({ externalId: 'DG4-G01', difficulty: 0.72, discrimination: 0.35 });
    expect(items[3]).toMatchObject({ enemyGroup: 'G-欧姆' });
    expect(items[5]).toMatchObject({ status: 'draft' });
  });

  it('reads an [html] essay stem as plain text and its #### general feedback as the reference', () => {
    expect(items[5]!.stem).toBe('简述发现有人触电后现场急救的主要步骤。');
    expect(items[5]!.reference).toBe('1. 立即切断电源或用绝缘物使触电者脱离电源；\n2. 判断意识、呼吸和心跳；\n3. 呼叫急救，必要时进行心肺复苏。');
  });
});

describe('GIFT import refuses a bad file as a whole', () => {
  it('names each problem with the line the question starts on', async () => {
    const errors = await rejectedRows(() => parseGift(fixture('bad.gift'), ctx));
    expect(errors.map((e) => formatRowError(e, 'line'))).toEqual([
      '第 3 行 “答案”：单选题只能有一个 = 正确答案（当前 2 个）；多选题请写成 {~%50%甲 ~%50%乙 ~%-100%丙}',
      '第 5 行 “答案”：多选题答案至少包含两个选项字母（如 ABD），当前为“A”',
      '第 7 行 “题型”：不支持数值题 {#…}：只能导入判断、单选、多选和主观题',
      '第 9 行 “答案”：找不到答案部分 {…}（每道题的答案须写在花括号中）',
      '第 13 行 “鉴定点”：鉴定点不能为空，格式如 A-B-001；可在题前注释写 // [tag:鉴定点:A-B-001]，或用 $CATEGORY: $course$/top/A-B-001 给出',
    ]);
  });

  it('refuses short-answer and matching questions rather than guessing', async () => {
    const text = '$CATEGORY: $course$/top/A-B-001\n\n电流的单位是 {=安培 =A}\n\n匹配 {=电压->伏特 =电流->安培}\n';
    const errors = await rejectedRows(() => parseGift(text, ctx));
    expect(errors.map((e) => e.problem)).toEqual([expect.stringContaining('不支持填空'), expect.stringContaining('不支持匹配题')]);
  });
});

describe('GIFT export', () => {
  it('escapes every special character', () => {
    expect(escapeGift('a:b=c~d#e{f}g\\h\ni')).toBe('a\\:b\\=c\\~d\\#e\\{f\\}g\\\\h\\ni');
  });

  it('round-trips a stored bank, special characters and multi-line text included', () => {
    const bank = sampleBank();
    const back = parseGift(exportGift(bank), ctx).items;
    expect(bankFields(back)).toEqual(bankFields(bank));
    expect(back.map((i) => i.externalId)).toEqual(bank.map((i) => i.id));
  });
});

describe('GIFT limits', () => {
  it('counts questions, not $CATEGORY lines, against the row limit', async () => {
    const text = exportGift(sampleBank()); // six questions, six categories
    expect(parseGift(text, ctx, { maxRows: 6 }).items).toHaveLength(6);
    await refused(() => parseGift(text, ctx, { maxRows: 5 }), 'UPLOAD_TOO_MANY_ROWS');
  });
});
