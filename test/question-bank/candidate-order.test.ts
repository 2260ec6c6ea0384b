import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildParallelPapers } from '../../question-bank/assembly';
import { candidateOrder } from '../../question-bank/candidate-order';
import type { Paper } from '../../question-bank/types';
import { bankFor, smallBlueprint, specOf } from './fixtures';

const bp = smallBlueprint();
const spec = specOf({ judge: 4, single: 10 });
const paper: Paper = buildParallelPapers(bankFor(bp, { judge: 3, single: 6 }), bp, spec, { seed: 'p' }).papers[0]!;

describe('per-candidate order (乱序)', () => {
  it('gives each candidate a reproducible order: same seed, same order; another seed, another', () => {
    const a = candidateOrder(paper, 'sitting-7:ticket-0001');
    expect(candidateOrder(paper, 'sitting-7:ticket-0001')).toEqual(a);
    expect(candidateOrder(paper, 'sitting-7:ticket-0002').itemOrder).not.toEqual(a.itemOrder);
  });

  it('keeps sections grouped by type in the spec order, shuffling only within a section', () => {
    const reversed: Paper = { ...paper, spec: { ...spec, sections: spec.sections.slice().reverse() } };
    for (const p of [paper, reversed]) {
      const { itemOrder } = candidateOrder(p, 'x');
      const types = itemOrder.map((j) => p.items[j]!.type);
      const firstType = p.spec.sections[0]!.type;
      const count = p.spec.sections[0]!.count;
      expect(types.slice(0, count).every((t) => t === firstType)).toBe(true);
      expect(types.slice(count).every((t) => t !== firstType)).toBe(true);
    }
  });

  it('never shuffles true/false options, shuffles choice options as a permutation', () => {
    const orders = ['a', 'b', 'c', 'd', 'e', 'f'].map((s) => candidateOrder(paper, s));
    paper.items.forEach((it, j) => {
      for (const o of orders) {
        if (it.type === 'judge') expect(o.optionOrder[j]).toEqual(['T', 'F']);
        else expect(o.optionOrder[j]!.slice().sort()).toEqual(['A', 'B', 'C', 'D']);
      }
    });
    const singles = paper.items.map((it, j) => (it.type === 'single' ? j : -1)).filter((j) => j >= 0);
    expect(orders.some((o) => singles.some((j) => o.optionOrder[j]!.join('') !== 'ABCD'))).toBe(true);
  });

  it('is always a permutation of the paper items (property)', () => {
    fc.assert(
      fc.property(fc.string(), (seed) => {
        const { itemOrder, optionOrder } = candidateOrder(paper, seed);
        expect(itemOrder.slice().sort((a, b) => a - b)).toEqual(paper.items.map((_, j) => j));
        expect(optionOrder).toHaveLength(paper.items.length);
      }),
      { numRuns: 200 },
    );
  });

  it('gives unrelated orders on different papers for one candidate seed', () => {
    const other = buildParallelPapers(bankFor(bp, { judge: 3, single: 6 }), bp, spec, { seed: 'p' }).papers[1]!;
    expect(candidateOrder(other, 'same').itemOrder).not.toEqual(candidateOrder(paper, 'same').itemOrder);
  });
});
