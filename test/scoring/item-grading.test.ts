import { describe, expect, it } from 'vitest';
import { ScoringInputInvalid, gradeItem, itemKey } from '../../scoring';
import { judge, multi, single, subjective } from './fixtures';

const aon = { kind: 'allOrNothing' } as const;
const partial = { kind: 'partial', perOption: 0.5 } as const;

describe('判断题 (true/false)', () => {
  it('gives the item marks for the key and nothing for the other option', () => {
    const item = judge('j1', 'T', 0.5);
    expect(gradeItem(item, ['T'], aon)).toEqual({ itemKey: 'j1@1', fraction: 1, mark: 0.5, maxMark: 0.5, state: 'correct' });
    expect(gradeItem(item, ['F'], aon)).toMatchObject({ fraction: 0, mark: 0, state: 'wrong' });
  });

  it('counts a missing or empty response as unanswered', () => {
    expect(gradeItem(judge('j1', 'F'), undefined, aon).state).toBe('unanswered');
    expect(gradeItem(judge('j1', 'F'), [], aon).state).toBe('unanswered');
  });
});

describe('单项选择题 (single choice)', () => {
  it('marks the key right and any other option wrong', () => {
    const item = single('s1', 'C', 1);
    expect(gradeItem(item, ['C'], aon)).toMatchObject({ mark: 1, state: 'correct' });
    expect(gradeItem(item, ['A'], aon)).toMatchObject({ mark: 0, state: 'wrong' });
  });

  it('marks two options chosen as wrong, even if one is the key', () => {
    expect(gradeItem(single('s1', 'C'), ['C', 'D'], aon)).toMatchObject({ mark: 0, state: 'wrong' });
  });

  it('accepts either option when the key was corrected to two labels', () => {
    const item = { ...single('s1', 'C'), key: ['B', 'C'] };
    expect(gradeItem(item, ['B'], aon).state).toBe('correct');
    expect(gradeItem(item, ['C'], aon).state).toBe('correct');
  });

  it('rejects a label the item does not have, naming the item', () => {
    expect(() => gradeItem(single('s1', 'C'), ['Z'], aon)).toThrow(ScoringInputInvalid);
    expect(() => gradeItem(single('s1', 'C'), ['Z'], aon)).toThrow(/s1@1.*Z/);
  });

  it('rejects free text as a response to a choice item', () => {
    expect(() => gradeItem(single('s1', 'C'), 'C', aon)).toThrow(/选项列表/);
  });
});

describe('多项选择题, all-or-nothing', () => {
  const item = multi('m1', 'ABD', 2);

  it('gives full marks only for exactly the key, in any order', () => {
    expect(gradeItem(item, ['D', 'A', 'B'], aon)).toMatchObject({ mark: 2, fraction: 1, state: 'correct' });
  });

  it('gives nothing for a subset or a superset of the key', () => {
    expect(gradeItem(item, ['A', 'B'], aon)).toMatchObject({ mark: 0, state: 'wrong' });
    expect(gradeItem(item, ['A', 'B', 'C', 'D'], aon)).toMatchObject({ mark: 0, state: 'wrong' });
  });
});

describe('多项选择题, partial credit', () => {
  const item = multi('m1', 'ABCD', 2);

  it('gives perOption per correct option when no wrong option is chosen', () => {
    expect(gradeItem(item, ['A'], partial)).toMatchObject({ mark: 0.5, fraction: 0.25, maxMark: 2, state: 'partial' });
    expect(gradeItem(item, ['A', 'C', 'D'], partial)).toMatchObject({ mark: 1.5, state: 'partial' });
  });

  it('gives nothing as soon as one wrong option is chosen', () => {
    expect(gradeItem(item, ['A', 'B', 'E'], partial)).toMatchObject({ mark: 0, state: 'wrong' });
  });

  it('caps the credit at the item marks', () => {
    const generous = { kind: 'partial', perOption: 1.5 } as const;
    expect(gradeItem(item, ['A', 'B'], generous)).toMatchObject({ mark: 2, state: 'correct', fraction: 1 });
    expect(gradeItem(item, ['A'], generous)).toMatchObject({ mark: 1.5, state: 'partial' });
  });

  it('gives full marks for the exact key even when perOption × options falls short', () => {
    const twoKey = multi('m2', 'BE', 2);
    expect(gradeItem(twoKey, ['B', 'E'], partial)).toMatchObject({ mark: 2, state: 'correct' });
    expect(gradeItem(twoKey, ['B'], partial)).toMatchObject({ mark: 0.5, state: 'partial' });
  });

  it('rejects a rule with a non-positive perOption', () => {
    expect(() => gradeItem(item, ['A'], { kind: 'partial', perOption: 0 })).toThrow(/每个正确选项/);
  });
});

describe('主观题 (subjective)', () => {
  const item = subjective('q1', 10);

  it('needs marking while no examiner mark is given', () => {
    expect(gradeItem(item, '答：先断电，再验电……', aon)).toMatchObject({ mark: 0, state: 'needsMarking', maxMark: 10 });
  });

  it('takes the examiner mark as the mark', () => {
    expect(gradeItem(item, '答：……', aon, 7.5)).toMatchObject({ mark: 7.5, fraction: 0.75, state: 'partial' });
    expect(gradeItem(item, '答：……', aon, 10).state).toBe('correct');
    expect(gradeItem(item, '答：……', aon, 0).state).toBe('wrong');
  });

  it('treats blank text as unanswered and refuses marks for it', () => {
    expect(gradeItem(item, '   ', aon).state).toBe('unanswered');
    expect(() => gradeItem(item, '', aon, 3)).toThrow(/空白作答/);
  });

  it('rejects an examiner mark above the item marks', () => {
    expect(() => gradeItem(item, '答', aon, 11)).toThrow(/0–10/);
  });

  it('refuses an examiner mark on an objective item', () => {
    expect(() => gradeItem(single('s1', 'A'), ['A'], aon, 1)).toThrow(/客观题/);
  });
});

it('keys items as itemId@version', () => {
  expect(itemKey({ itemId: 'A-B-001-07', version: 3 })).toBe('A-B-001-07@3');
});
