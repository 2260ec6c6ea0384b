import { describe, expect, it } from 'vitest';
import { exportItemsJson, formatRowError, parseItemsJson } from '../../../question-bank/formats';
import { bankFields, ctx, fixture, refused, rejectedRows, sampleBank } from './helpers';

describe('JSON import (hand-written items.json)', () => {
  const { items } = parseItemsJson(fixture('items.json'), ctx);

  it('reads the English field names, string or object options, key as text or labels', () => {
    expect(items.map((i) => [i.type, i.pointCode, i.key.join('')])).toEqual([
      ['judge', 'A-A-001', 'T'],
      ['single', 'A-B-001', 'C'],
      ['multi', 'A-B-002', 'AC'],
      ['subjective', 'B-A-001', ''],
    ]);
    expect(items[1]!.options).toEqual([
      { label: 'A', text: '12' },
      { label: 'B', text: '24' },
      { label: 'C', text: '36' },
      { label: 'D', text: '42' },
    ]);
  });

  it('keeps partial-credit fractions and the stated status', () => {
    expect(items[2]!.options.map((o) => o.fraction)).toEqual([0.5, -1, 0.5, -1]);
    expect(items[2]).toMatchObject({ status: 'draft', enemyGroup: 'G-绝缘', difficulty: 0.65, discrimination: 0.3 });
  });

  it('accepts a stored Item as exported by the bank: id becomes externalId, version/statsN/exposure are ignored', () => {
    expect(items[3]).toMatchObject({ externalId: 'bank-000123', status: 'retired', reference: expect.stringContaining('2. 判断意识') });
    expect(items[3]).not.toHaveProperty('version');
    expect(items[0]!.externalId).toBe('DG4-J01');
  });

  it('accepts { "items": [...] } as well as a bare array', () => {
    const wrapped = JSON.stringify({ items: JSON.parse(new TextDecoder().decode(fixture('items.json'))) });
    expect(parseItemsJson(wrapped, ctx).items).toEqual(items);
  });
});

describe('JSON import refuses a bad file as a whole', () => {
  it('lists shape and meaning errors per element, in Chinese, with the JSON field names', async () => {
    const errors = await rejectedRows(() => parseItemsJson(fixture('bad.json'), ctx));
    expect(errors.map((e) => formatRowError(e, 'entry'))).toEqual([
      '第 1 条 “stem”：缺少必填字段 stem',
      '第 2 条 “stems”：未知字段 stems（字段名区分大小写，如 stem、pointCode）',
      '第 3 条 “options”：应为数组',
      '第 4 条 “key”：多选题答案至少包含两个选项字母（如 ABD），当前为“A”',
      '第 5 条 “difficulty”：应为数字',
      '第 6 条 “type”：无法识别的题型“填空”，可填 判断、单选、多选、简答（或 计算、论述）',
      '第 7 条 “occupationCode”：职业编码“6-18-02-04”与本次导入的职业 6-31-01-03 不一致',
    ]);
  });

  it('says where a syntax error is', async () => {
    const e = await refused(() => parseItemsJson('[{"type": "judge",}]', ctx), 'UPLOAD_MALFORMED');
    expect(e.message).toContain('JSON 语法错误');
  });

  it('refuses a top level that is neither an array nor { items }', async () => {
    const e = await refused(() => parseItemsJson('{"type": "judge"}', ctx), 'UPLOAD_MALFORMED');
    expect(e.message).toContain('顶层应为试题数组');
  });

  it('refuses __proto__ and constructor keys at any depth', async () => {
    const nested = '[{"type":"judge","stem":"x","key":"T","pointCode":"A-A-001","options":[{"text":"a","__proto__":{"isAdmin":true}}]}]';
    const e = await refused(() => parseItemsJson(nested, ctx), 'UPLOAD_PROTOTYPE_KEY');
    expect(e.details).toMatchObject({ key: '__proto__', path: '$[0].options[0]' });
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
    await refused(() => parseItemsJson('{"items": [], "constructor": {"prototype": {}}}', ctx), 'UPLOAD_PROTOTYPE_KEY');
  });

  it('refuses more items than allowed before validating them', async () => {
    await refused(() => parseItemsJson(fixture('items.json'), ctx, { maxRows: 2 }), 'UPLOAD_TOO_MANY_ROWS');
  });
});

describe('JSON export', () => {
  it('round-trips a stored bank', () => {
    const bank = sampleBank();
    const back = parseItemsJson(exportItemsJson(bank), ctx).items;
    expect(bankFields(back)).toEqual(bankFields(bank));
    expect(back.map((i) => i.externalId)).toEqual(bank.map((i) => i.id));
  });
});
