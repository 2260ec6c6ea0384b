import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../question-bank/errors';
import { FIELD_LABELS, ImportEmpty, buildDrafts, parseItemsCsv, type DraftSource } from '../../../question-bank/formats';
import { ctx, rejectedRows } from './helpers';

/** Validate sources the way every format does. */
const build = (sources: DraftSource[]) => buildDrafts(sources, ctx, (f) => FIELD_LABELS[f], { format: 'test' });
const choice = (key: string, texts = ['铜', '铝', '银', '橡胶']): DraftSource => ({
  row: 2,
  type: '多选',
  stem: '下列材料中属于导体的有（　）。',
  pointCode: 'A-B-001',
  options: texts.map((text, i) => ({ label: 'ABCDEFGHIJ'[i]!, text })),
  key,
});
const problemsOf = async (sources: DraftSource[]) => (await rejectedRows(() => build(sources))).map((e) => `${e.column}：${e.problem}`);

describe('item types and answers, in the words offices use', () => {
  it.each([
    ['判断', 'judge'],
    ['是非题', 'judge'],
    ['单项选择题', 'single'],
    ['多项选择', 'multi'],
    ['计算题', 'subjective'],
    ['论述', 'subjective'],
    ['ＳＩＮＧＬＥ', 'single'],
  ])('题型 “%s” is %s', (word, type) => {
    const src: DraftSource =
      type === 'judge'
        ? { row: 2, type: word, stem: '接地可防触电。', pointCode: 'A-A-001', key: '对' }
        : type === 'subjective'
          ? { row: 2, type: word, stem: '计算电阻。', pointCode: 'A-A-001', key: '10 Ω' }
          : { ...choice(type === 'single' ? 'A' : 'AB'), type: word };
    expect(build([src]).items[0]!.type).toBe(type);
  });

  it.each([
    ['对', 'T'],
    ['正确', 'T'],
    ['T', 'T'],
    ['√', 'T'],
    ['true', 'T'],
    ['错', 'F'],
    ['错误', 'F'],
    ['F', 'F'],
    ['×', 'F'],
    ['ｆ', 'F'],
  ])('判断题答案 “%s” is %s', (word, key) => {
    expect(build([{ row: 2, type: '判断', stem: '接地可防触电。', pointCode: 'A-A-001', key: word }]).items[0]!.key).toEqual([key]);
  });

  it.each(['A、C', 'a c', 'ＡＣ', 'C,A', 'A;C'])('多选题答案 “%s” is A and C in option order', (word) => {
    expect(build([choice(word)]).items[0]!.key).toEqual(['A', 'C']);
  });

  it('a single needs exactly one letter, a multi at least two, all among the options', async () => {
    expect(await problemsOf([{ ...choice('AB'), type: '单选' }])).toEqual(['答案：单选题答案必须是一个选项字母（如 B），当前为“AB”']);
    expect(await problemsOf([choice('B')])).toEqual(['答案：多选题答案至少包含两个选项字母（如 ABD），当前为“B”']);
    expect(await problemsOf([choice('AF')])).toEqual(['答案：答案中的 F 不在已填写的选项 A、B、C、D 中']);
    expect(await problemsOf([choice('A1')])).toEqual(['答案：多选题答案只能由选项字母组成（如 ABD），当前为“A1”']);
    expect(await problemsOf([choice('AAB')])).toEqual(['答案：答案“AAB”中有重复的选项字母']);
  });

  it('a choice needs 2–8 distinct, non-empty options', async () => {
    expect(await problemsOf([{ ...choice('A', ['铜']), type: '单选' }])).toEqual(['选项：单选题至少需要 2 个选项，当前 1 个']);
    expect(await problemsOf([choice('AB', ['铜', '铝', '铜'])])).toEqual(['选项：选项 C 与选项 A 内容相同']);
    expect(await problemsOf([choice('AB', ['1', '2', '3', '4', '5', '6', '7', '8', '9'])])).toEqual(['选项：选项最多 8 个（A–H），当前 9 个']);
  });

  it('a 主观题 needs a reference answer and no options', async () => {
    expect(await problemsOf([{ row: 2, type: '简答', stem: '简述接地的作用。', pointCode: 'B-A-001', key: '' }])).toEqual(['答案：主观题必须填写参考答案（评分依据）']);
    expect(await problemsOf([{ ...choice(''), type: '简答', key: '参考' }])).toEqual(['选项：主观题（简答/计算/论述）不填选项，请检查题型']);
  });
});

describe('鉴定点, statistics, status', () => {
  const judge = (over: Partial<DraftSource>): DraftSource => ({ row: 2, type: '判断', stem: '接地可防触电。', pointCode: 'A-A-001', key: '对', ...over });

  it.each(['A-001', 'A-B-001', 'A-B-C-001', 'AB-C-012', ' a-b-001 '])('鉴定点 “%s” is accepted (trimmed, upper-cased)', (code) => {
    expect(build([judge({ pointCode: code })]).items[0]!.pointCode).toBe(code.trim().toUpperCase());
  });

  it.each(['A-B-01', 'A-B-0001', '001', 'A_B_001', 'A-1-001'])('鉴定点 “%s” is refused', async (code) => {
    expect(await problemsOf([judge({ pointCode: code })])).toEqual([expect.stringMatching(/^鉴定点：鉴定点“.*”格式不对/)]);
  });

  it('difficulty is in (0, 1], discrimination in [−1, 1]', async () => {
    expect(build([judge({ difficulty: '1', discrimination: '-1' })]).items[0]).toMatchObject({ difficulty: 1, discrimination: -1 });
    expect(await problemsOf([judge({ difficulty: '0' })])).toEqual([expect.stringContaining('难度必须是大于 0')]);
    expect(await problemsOf([judge({ difficulty: '高' })])).toEqual([expect.stringContaining('当前为“高”')]);
    expect(await problemsOf([judge({ discrimination: '1.01' })])).toEqual([expect.stringContaining('区分度必须是 -1 到 1')]);
  });

  it('uses the caller’s default estimates when given', () => {
    const items = buildDrafts([judge({})], { ...ctx, defaultDifficulty: 0.8, defaultDiscrimination: 0.25 }, (f) => FIELD_LABELS[f], { format: 'test' }).items;
    expect(items[0]).toMatchObject({ difficulty: 0.8, discrimination: 0.25 });
  });

  it('status words: 启用/草稿/停用 and active/draft/retired', () => {
    const items = build(['启用', '草稿', '停用', 'retired', ''].map((s, i) => judge({ row: i + 2, stem: `第${i}题`, status: s }))).items;
    expect(items.map((i) => i.status)).toEqual(['active', 'draft', 'retired', 'retired', 'active']);
  });
});

describe('duplicates within one file', () => {
  it('flags a repeated stem of a judge item', async () => {
    const j = { type: '判断', stem: '接地可防触电。', pointCode: 'A-A-001', key: '对' };
    expect(await problemsOf([{ row: 2, ...j }, { row: 5, ...j, stem: ' 接地可防触电。 ' }])).toEqual(['题干：与第 2 行题干重复']);
  });

  it('allows a generic stem with different options but flags one with the same options', async () => {
    const a = { ...choice('AB'), stem: '下列说法正确的是（　）。' };
    const b = { ...a, row: 3, options: ['甲', '乙', '丙', '丁'].map((text, i) => ({ label: 'ABCD'[i]!, text })) };
    expect(build([a, b]).items).toHaveLength(2);
    expect(await problemsOf([a, { ...a, row: 4 }])).toEqual(['题干：与第 2 行题干重复（选项也相同）']);
  });

  it('flags a repeated external id', async () => {
    const j = (row: number, stem: string): DraftSource => ({ row, type: '判断', stem, pointCode: 'A-A-001', key: '对', externalId: 'Q1' });
    expect(await problemsOf([j(2, '甲'), j(3, '乙')])).toEqual(['编号：编号“Q1”与第 2 行重复']);
  });
});

describe('partial credit', () => {
  it('keeps real partial credit and drops the all-or-nothing defaults', () => {
    const src = choice('AC');
    src.options = src.options!.map((o, i) => ({ ...o, fraction: [0.5, -1, 0.5, 0][i] }));
    expect(build([src]).items[0]!.options.map((o) => o.fraction)).toEqual([0.5, -1, 0.5, undefined]);
  });

  it('reads an equal split over the key with zero elsewhere as all-or-nothing (Moodle’s plain multi)', () => {
    const src = choice('ABC');
    src.options = src.options!.map((o, i) => ({ ...o, fraction: [0.3333333, 0.3333333, 0.3333333, 0][i] }));
    expect(build([src]).items[0]!.options.some((o) => o.fraction !== undefined)).toBe(false);
  });

  it('refuses weights that contradict the key or do not add up', async () => {
    const bad = (fractions: number[], key = 'AC') => {
      const src = choice(key);
      src.options = src.options!.map((o, i) => ({ ...o, fraction: fractions[i] }));
      return src;
    };
    expect(await problemsOf([bad([0.5, 0, 0.3, 0])])).toEqual(['选项分值：多选题各正确选项的分值之和应为 100%，当前为 80%']);
    expect(await problemsOf([bad([0.5, 0.2, 0.5, 0])])).toEqual(['选项分值：选项 B 不是答案，分值不能大于 0']);
    expect(await problemsOf([{ ...bad([0.5, 0, 0, 0], 'A'), type: '单选' }])).toEqual(['选项分值：单选题正确选项 A 的分值必须是 100%']);
  });

  it('reads the 选项分值 column of CSV/xlsx', () => {
    const csv = '题型,鉴定点,题干,选项A,选项B,选项C,答案,选项分值\n多选,A-B-002,下列属于绝缘材料的有（　）。,橡胶,铜,云母,AC,A=50%;B=-100%;C=50%\n';
    expect(parseItemsCsv(csv, ctx).items[0]!.options.map((o) => o.fraction)).toEqual([0.5, -1, 0.5]);
  });
});

describe('the import as a whole', () => {
  it('refuses an import target that is not an occupation code and level', () => {
    const run = () => buildDrafts([], { occupationCode: '电工', level: 4 }, (f) => FIELD_LABELS[f], { format: 'test' });
    expect(run).toThrow(DomainError);
    try {
      run();
    } catch (e) {
      expect((e as DomainError).code).toBe('IMPORT_BAD_CONTEXT');
    }
  });

  it('refuses a file without any item', () => {
    expect(() => parseItemsCsv('题型,鉴定点,题干,答案\n\n', ctx)).toThrow(ImportEmpty);
  });
});
