import { describe, expect, it } from 'vitest';
import { AnalysisMismatch, ResponsesInvalid, analyseSitting, updateItemStatistics } from '../../question-bank/item-analysis';
import type { Paper, PaperItem } from '../../question-bank/types';
import { itemOf, specOf } from './fixtures';

const pi = (id: string): PaperItem => ({ itemId: id, version: 1, type: 'single', pointCode: 'A-A-001', marks: 1, key: ['A'], optionLabels: ['A', 'B', 'C', 'D'] });
const paper: Paper = { form: 'A', spec: specOf({ single: 3 }), items: [pi('q1'), pi('q2'), pi('q3')] };

/**
 * Five candidates, three items (1 = right):      totals
 *   c1  1 1 1                                      3
 *   c2  1 1 0                                      2
 *   c3  1 0 0                                      1
 *   c4  0 1 0                                      1
 *   c5  0 0 0 (q1 left blank)                      0
 * p = 0.6, 0.6, 0.2. Total mean 1.4, population variance 5.2 / 5 = 1.04; Σpq = 0.24 + 0.24 + 0.16 = 0.64;
 * KR-20 = 3/2 × (1 − 0.64 / 1.04) = 15/26.
 * q1 vs rest-of-test (2,1,0,1,0): Sxy 0.6, Sxx 1.2, Syy 2.8 → r = 0.6/√3.36 = 3/√84.
 * q3 vs rest (2,2,1,1,0): Sxy 0.8, Sxx 0.8, Syy 2.8 → r = √(2/7).
 * 27 % of 5 → groups of 1: upper c1, lower c5 → D(q1) = 1, D(q2) = 1, D(q3) = 1.
 */
const rows = [
  [1, 1, 1],
  [1, 1, 0],
  [1, 0, 0],
  [0, 1, 0],
  [null, 0, 0],
];
const chosen = [
  [['A'], ['A'], ['A']],
  [['A'], ['A'], ['C']],
  [['A'], ['B'], ['C']],
  [['B'], ['A'], ['D']],
  [null, ['D'], ['B']],
];
const responses = rows.map((scores, c) => ({ scores, chosen: chosen[c]! }));

describe('item analysis of a sitting, checked by hand', () => {
  const a = analyseSitting(paper, responses);

  it('computes p-values and KR-20', () => {
    expect(a.items.map((i) => i.p)).toEqual([0.6, 0.6, 0.2].map((x) => expect.closeTo(x, 12)));
    expect(a.kr20).toBeCloseTo(15 / 26, 12);
    expect(a.meanTotal).toBeCloseTo(1.4, 12);
    expect(a.sdTotal).toBeCloseTo(Math.sqrt(1.04), 12);
  });

  it('computes the corrected point-biserial against the total of the other items', () => {
    expect(a.items[0]!.pointBiserial).toBeCloseTo(3 / Math.sqrt(84), 12);
    expect(a.items[2]!.pointBiserial).toBeCloseTo(Math.sqrt(2 / 7), 12);
  });

  it('computes the upper/lower 27 % discrimination', () => {
    expect(a.items.map((i) => i.upperLower)).toEqual([1, 1, 1]);
  });

  it('counts choices per option and blanks', () => {
    expect(a.items[0]!.optionCounts).toEqual({ A: 3, B: 1, C: 0, D: 0 });
    expect(a.items[0]!.omitted).toBe(1);
    expect(a.items[2]!.optionCounts).toEqual({ A: 1, B: 1, C: 2, D: 1 });
  });

  it('gives no reliability or correlation where there is no variance', () => {
    const flat = analyseSitting(paper, [{ scores: [1, 1, 1] }, { scores: [1, 1, 1] }]);
    expect(flat.kr20).toBeNull();
    expect(flat.items[0]!.pointBiserial).toBeNull();
    expect(flat.items[0]!.p).toBe(1);
  });

  it('refuses responses that do not fit the paper', () => {
    expect(() => analyseSitting(paper, [{ scores: [1, 1] }])).toThrow(ResponsesInvalid);
    expect(() => analyseSitting(paper, [{ scores: [1, 1.5, 0] }])).toThrow(/第 1 名考生第 2 题的作答数据有误/);
    expect(() => analyseSitting(paper, [{ scores: [1, 1, 0], chosen: [['E'], null, null] }])).toThrow(/选项 E 不存在/);
  });
});

describe('merging statistics into the bank', () => {
  const analysis = analyseSitting(paper, responses).items[0]!;

  it('replaces an author estimate (statsN = 0)', () => {
    const item = itemOf({ id: 'q1', pointCode: 'A-A-001', difficulty: 0.8, discrimination: 0.1, statsN: 0 });
    const merged = updateItemStatistics(item, analysis, 5);
    expect(merged).toMatchObject({ difficulty: 0.6, statsN: 5 });
    expect(merged.discrimination).toBeCloseTo(3 / Math.sqrt(84), 12);
    expect(item.difficulty).toBe(0.8);
  });

  it('weights measured statistics by the responses behind them', () => {
    const item = itemOf({ id: 'q1', pointCode: 'A-A-001', difficulty: 0.7, discrimination: 0.3, statsN: 100 });
    const merged = updateItemStatistics(item, { ...analysis, p: 0.6, pointBiserial: 0.45 }, 50);
    expect(merged.difficulty).toBeCloseTo((0.7 * 100 + 0.6 * 50) / 150, 12);
    expect(merged.discrimination).toBeCloseTo((0.3 * 100 + 0.45 * 50) / 150, 12);
    expect(merged.statsN).toBe(150);
  });

  it('refuses statistics of another item or version, or a bad response count', () => {
    const item = itemOf({ id: 'q1', pointCode: 'A-A-001' });
    expect(() => updateItemStatistics({ ...item, id: 'q9' }, analysis, 5)).toThrow(AnalysisMismatch);
    expect(() => updateItemStatistics({ ...item, version: 2 }, analysis, 5)).toThrow(AnalysisMismatch);
    expect(() => updateItemStatistics(item, analysis, 0)).toThrow(/作答人数 0 不是正整数/);
  });
});
