import { describe, expect, it } from 'vitest';
import {
  BlueprintInvalid,
  CellCountsMismatch,
  PaperSpecInvalid,
  blueprintCells,
  blueprintPoints,
  blueprintProblems,
  cellCounts,
  largestRemainder,
  validateBlueprint,
} from '../../question-bank/blueprint';
import { blueprintOf, point, range, smallBlueprint, specOf } from './fixtures';

describe('鉴定要素细目表: structure', () => {
  it('names points by their full path and groups them under their lowest range (the cell)', () => {
    const bp = smallBlueprint();
    expect(() => validateBlueprint(bp)).not.toThrow();
    expect(blueprintCells(bp).map((c) => [c.key, c.weight, c.rangePath])).toEqual([
      ['A-A', 30, ['A', 'A-A']],
      ['A-B', 30, ['A', 'A-B']],
      ['B-A', 25, ['B', 'B-A']],
      ['B-B', 15, ['B', 'B-B']],
    ]);
    expect(blueprintPoints(bp).get('B-B-002')).toMatchObject({ cell: 'B-B', importance: 'X', weight: 10 });
  });

  it('reports every broken rule in Chinese, naming the node', () => {
    const bp = blueprintOf([
      range('A', 50, [range('A', 30, [point('001', 20, 'X'), point('001', 10, 'Y')])]),
      range('B', 40, [range('A', 40, [point('001', 40, 'X'), { code: '002', name: '缺重要程度', weight: 0 }])]),
    ]);
    const problems = blueprintProblems(bp);
    expect(problems).toEqual(
      expect.arrayContaining([
        { node: 'A', problem: '下级比重之和 30 不等于本级比重 50' },
        { node: 'A-A-001', problem: '代码重复' },
        { node: 'B-A-002', problem: '鉴定点缺少重要程度（X/Y/Z）' },
        { node: '(细目表)', problem: '顶层鉴定范围比重之和 90 不等于 100' },
      ]),
    );
    expect(() => validateBlueprint(bp)).toThrow(BlueprintInvalid);
    try {
      validateBlueprint(bp);
    } catch (e) {
      const err = e as BlueprintInvalid;
      expect(err.code).toBe('BLUEPRINT_INVALID');
      expect(err.message).toMatch(/^鉴定要素细目表有 4 处问题：A：下级比重之和/);
      expect(err.details.problems).toHaveLength(4);
    }
  });

  it('refuses a range that mixes 鉴定点 and sub-ranges, importance on a range, a top-level point, a code with "-"', () => {
    const bp = blueprintOf([
      range('A', 50, [point('001', 25, 'X'), range('B', 25, [point('001', 25, 'Y')])]),
      { ...range('B', 30, [point('001', 30, 'X')]), importance: 'X' },
      point('C', 10, 'X'),
      range('D-1', 10, [point('001', 10, 'Z')]),
    ]);
    const byNode = Object.fromEntries(blueprintProblems(bp).map((p) => [p.node, p.problem]));
    expect(byNode['A']).toBe('下级既有鉴定点又有鉴定范围');
    expect(byNode['B']).toBe('鉴定范围不应标注重要程度（只有鉴定点标注 X/Y/Z）');
    expect(byNode['C']).toBe('顶层必须是鉴定范围，其下应有鉴定点');
    expect(byNode['D-1']).toMatch(/不能含「-」/);
  });
});

describe('cell counts: largest remainder with exact totals', () => {
  it('splits by weight so each type adds up exactly, remainders to the largest fractions', () => {
    // 30/30/25/15 of 7 → 2.1, 2.1, 1.75, 1.05 → floors 2,2,1,1 (6) → the one left goes to B-A (0.75).
    // 30/30/25/15 of 10 → 3, 3, 2.5, 1.5 → floors 3,3,2,1 (9) → tie 0.5/0.5 goes to the larger weight B-A.
    const quotas = cellCounts(smallBlueprint(), specOf({ judge: 7, single: 10 }));
    const table = quotas.map((q) => `${q.type}:${q.cell}=${q.count}`);
    expect(table).toEqual([
      'judge:A-A=2',
      'judge:A-B=2',
      'judge:B-A=2',
      'judge:B-B=1',
      'single:A-A=3',
      'single:A-B=3',
      'single:B-A=3',
      'single:B-B=1',
    ]);
  });

  it('keeps totals exact for awkward weights and breaks ties by weight then by blueprint order', () => {
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(2, [10, 20, 10, 20])).toEqual([0, 1, 0, 1]);
    expect(largestRemainder(100, [33.3, 33.3, 33.4])).toEqual([33, 33, 34]);
    for (const total of [0, 1, 7, 99, 200]) {
      const parts = largestRemainder(total, [3, 7, 11, 13, 17, 19, 30]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it('takes explicit counts for a type when given and derives the other types from weights', () => {
    const explicit = { 'A-A': { judge: 4 }, 'B-B': { judge: 1 } };
    const quotas = cellCounts(smallBlueprint(), specOf({ judge: 5, single: 10 }), explicit);
    const judge = quotas.filter((q) => q.type === 'judge').map((q) => q.count);
    const single = quotas.filter((q) => q.type === 'single').map((q) => q.count);
    expect(judge).toEqual([4, 0, 0, 1]);
    expect(single).toEqual([3, 3, 3, 1]);
  });

  it('refuses explicit counts that do not add up, name an unknown cell, or a type the spec lacks', () => {
    const bp = smallBlueprint();
    expect(() => cellCounts(bp, specOf({ judge: 5 }), { 'A-A': { judge: 4 } })).toThrow(CellCountsMismatch);
    expect(() => cellCounts(bp, specOf({ judge: 5 }), { 'A-C': { judge: 5 } })).toThrow(BlueprintInvalid);
    expect(() => cellCounts(bp, specOf({ judge: 5 }), { 'A-A': { multi: 5 } })).toThrow(PaperSpecInvalid);
    expect(() => cellCounts({ ...bp, explicitCounts: { 'A-A': { judge: 4 } } }, specOf({ judge: 5 }))).toThrow(
      /指定的 judge 题量合计 4 题，与试卷结构要求的 5 题不符/,
    );
  });

  it('refuses a spec naming one type twice', () => {
    const spec = specOf({ single: 4 });
    spec.sections.push({ type: 'single', count: 2, marksPerItem: 1 });
    expect(() => cellCounts(smallBlueprint(), spec)).toThrow(PaperSpecInvalid);
  });
});
