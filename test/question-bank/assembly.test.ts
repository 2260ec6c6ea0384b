import { describe, expect, it } from 'vitest';
import {
  BlueprintSpecMismatch,
  BlueprintUnsatisfiable,
  DuplicateItemVersion,
  ItemStatisticsInvalid,
  buildParallelPapers,
  checkParallelPapers,
  formStats,
  parallelDeviation,
} from '../../question-bank/assembly';
import { bankHash } from '../../question-bank/bank-hash';
import { cellCounts } from '../../question-bank/blueprint';
import { createRng, shuffled } from '../../question-bank/random';
import type { Item, Paper } from '../../question-bank/types';
import { syntheticBank } from '../../bench/synthetic-bank';
import { bankFor, itemOf, smallBlueprint, specOf } from './fixtures';

const bp = smallBlueprint();
// Per form: judge 30/30/25/15 of 4 → 1,1,1,1; single of 10 → 3,3,3,1.
const spec = specOf({ judge: 4, single: 10 }, { judge: 2.5, single: 9 });

function check(papers: Paper[], bank: Item[], opts: { forms?: number; maxOverlap?: number; maxExposure?: number } = {}) {
  return checkParallelPapers({ papers, bank, blueprint: bp, spec, forms: opts.forms ?? 3, maxOverlap: opts.maxOverlap ?? 0, maxExposure: opts.maxExposure });
}

function cellOf(pointCode: string): string {
  return pointCode.split('-').slice(0, -1).join('-');
}

describe('buildParallelPapers: a walkthrough on a small bank', () => {
  const bank = bankFor(bp, { judge: 3, single: 6 });
  const result = buildParallelPapers(bank, bp, spec, { seed: 'sitting-2024-06' });

  it('builds forms A, B, C that each meet every cell of the blueprint exactly', () => {
    expect(result.papers.map((p) => p.form)).toEqual(['A', 'B', 'C']);
    const quotas = cellCounts(bp, spec);
    for (const paper of result.papers) {
      for (const q of quotas) {
        const got = paper.items.filter((it) => it.type === q.type && cellOf(it.pointCode) === q.cell).length;
        expect(got, `${paper.form} ${q.cell}/${q.type}`).toBe(q.count);
      }
      expect(paper.items).toHaveLength(14);
      // Sections in spec order: the four judge items first.
      expect(paper.items.slice(0, 4).every((it) => it.type === 'judge')).toBe(true);
    }
    expect(check(result.papers, bank)).toEqual([]);
  });

  it('pins each item: version, marks of its section, key and option labels', () => {
    const first = result.papers[0]!.items.find((it) => it.type === 'single')!;
    const source = bank.find((it) => it.id === first.itemId)!;
    expect(first).toEqual({
      itemId: source.id,
      version: 1,
      type: 'single',
      pointCode: source.pointCode,
      marks: 9,
      key: ['A'],
      optionLabels: ['A', 'B', 'C', 'D'],
    });
    expect(result.stats.map((s) => s.marks)).toEqual([100, 100, 100]);
  });

  it('shares no item between forms and reports the overlap per pair', () => {
    const ids = result.papers.map((p) => new Set(p.items.map((it) => it.itemId)));
    expect([...ids[0]!].filter((id) => ids[1]!.has(id) || ids[2]!.has(id))).toEqual([]);
    expect(result.overlap).toEqual({ 'A-B': 0, 'A-C': 0, 'B-C': 0 });
  });

  it('makes the forms parallel: equal X/Y/Z counts and range marks, close mean difficulty', () => {
    const [a, b, c] = result.stats;
    expect(b!.importance).toEqual(a!.importance);
    expect(c!.importance).toEqual(a!.importance);
    expect(b!.rangeMarks).toEqual(a!.rangeMarks);
    expect(a!.rangeMarks).toMatchObject({ A: 59, 'A-A': 29.5, 'A-B': 29.5, B: 41, 'B-A': 29.5, 'B-B': 11.5 });
    expect(result.deviation.importance).toBe(0);
    expect(result.deviation.rangeMarks).toBe(0);
    expect(result.deviation.largest).toBeLessThan(0.01);
  });

  it('records seed, algorithm version and the hash of the eligible bank it drew from', () => {
    expect(result.seed).toBe('sitting-2024-06');
    expect(result.algorithmVersion).toMatch(/\/\d+$/);
    expect(result.bankHash).toBe(bankHash(bank));
    expect(result.options).toEqual({ forms: 3, maxOverlap: 0, maxExposure: null, maxIterations: 20000 });
  });
});

describe('reproducibility', () => {
  const bank = bankFor(bp, { judge: 4, single: 8 });

  it('gives byte-identical output for the same bank, spec and seed, whatever the bank order', () => {
    const one = JSON.stringify(buildParallelPapers(bank, bp, spec, { seed: 's-1' }));
    const reversed = JSON.stringify(buildParallelPapers(bank.slice().reverse(), bp, spec, { seed: 's-1' }));
    const mixed = JSON.stringify(buildParallelPapers(shuffled(bank, createRng('x')), bp, spec, { seed: 's-1' }));
    expect(reversed).toBe(one);
    expect(mixed).toBe(one);
  });

  it('draws different papers for another seed', () => {
    const ids = (seed: string) => buildParallelPapers(bank, bp, spec, { seed }).papers.map((p) => p.items.map((it) => it.itemId));
    expect(ids('s-2')).not.toEqual(ids('s-1'));
  });
});

describe('eligibility', () => {
  it('uses only active items below the exposure cap, the latest active version, of this occupation and level', () => {
    // Cell A-A single keeps exactly 9 eligible items (3 per form × 3 forms), so every one of them is used.
    const bank = bankFor(bp, { judge: 3, single: 6 }).filter(
      (it) => !(it.pointCode.startsWith('A-A-') && it.type === 'single' && Number(it.id.split('-').pop()) > 3),
    );
    const target = bank.find((it) => it.id === 'A-A-001-single-1')!;
    const extra: Item[] = [
      itemOf({ id: 'draft', pointCode: 'A-A-001', status: 'draft' }),
      itemOf({ id: 'retired', pointCode: 'A-A-001', status: 'retired' }),
      itemOf({ id: 'worn', pointCode: 'A-A-001', exposure: 5 }),
      itemOf({ id: 'other-level', pointCode: 'A-A-001', level: 3 }),
      itemOf({ id: 'other-occupation', pointCode: 'A-A-001', occupationCode: '6-18-02-04' }),
      itemOf({ id: 'no-such-point', pointCode: 'A-A-009' }),
      { ...target, version: 2, key: ['B'] },
      { ...target, version: 3, status: 'draft' },
    ];
    const r = buildParallelPapers([...bank, ...extra], bp, spec, { seed: 'e1', maxExposure: 5 });
    const used = r.papers.flatMap((p) => p.items);
    for (const id of ['draft', 'retired', 'worn', 'other-level', 'other-occupation', 'no-such-point']) {
      expect(used.some((it) => it.itemId === id), id).toBe(false);
    }
    expect(used.filter((it) => it.itemId === target.id)).toEqual([expect.objectContaining({ version: 2, key: ['B'] })]);
    expect(check(r.papers, [...bank, ...extra], { maxExposure: 5 })).toEqual([]);
  });

  it('refuses a bank holding one item version twice, or an item with statistics that are not numbers', () => {
    const bank = bankFor(bp, { judge: 3, single: 6 });
    expect(() => buildParallelPapers([...bank, { ...bank[5]!, difficulty: 0.1 }], bp, spec, { seed: 's' })).toThrow(DuplicateItemVersion);
    const broken = bank.map((it, i) => (i === 5 ? { ...it, difficulty: Number.NaN } : it));
    expect(() => buildParallelPapers(broken, bp, spec, { seed: 's' })).toThrow(ItemStatisticsInvalid);
  });

  it('refuses a spec of another occupation, level or component than the blueprint', () => {
    expect(() => buildParallelPapers([], bp, { ...spec, level: 3 }, { seed: 's' })).toThrow(BlueprintSpecMismatch);
  });
});

describe('when the bank cannot support the forms', () => {
  it('throws BlueprintUnsatisfiable listing every short cell with needed vs available', () => {
    const bank = bankFor(bp, { judge: 3, single: 6 }).filter(
      // Leave A-B single with 4 items (needs 3 × 3 = 9) and B-A judge with 2 (needs 1 × 3 = 3).
      (it) => !((it.pointCode.startsWith('A-B-') && it.type === 'single' && Number(it.id.split('-').pop()) > 2) || (it.pointCode.startsWith('B-A-') && it.type === 'judge' && Number(it.id.split('-').pop()) > 1)),
    );
    let error: unknown;
    try {
      buildParallelPapers(bank, bp, spec, { seed: 's' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(BlueprintUnsatisfiable);
    const err = error as BlueprintUnsatisfiable;
    expect(err.code).toBe('BLUEPRINT_UNSATISFIABLE');
    expect(err.shortCells).toEqual([
      { cell: 'B-A', type: 'judge', needed: 3, available: 2 },
      { cell: 'A-B', type: 'single', needed: 9, available: 4 },
    ]);
    expect(err.details).toMatchObject({ reason: 'supply', forms: 3 });
    expect(err.message).toMatch(/题库不足以组出 3 套平行卷.*共 2 个单元不足/);
  });

  it('counts an enemy group at most once per form as available', () => {
    const base = bankFor(bp, { judge: 3, single: 6 });
    const grouped = base.map((it) => (it.pointCode.startsWith('B-B-') && it.type === 'single' ? { ...it, enemyGroup: 'G' } : it));
    // B-B single needs 1 × 3 = 3 distinct items, all 12 are in enemy group G → 3 placeable, one per form.
    const r = buildParallelPapers(grouped, bp, spec, { seed: 's' });
    expect(check(r.papers, grouped)).toEqual([]);
    // A-A single needs 3 × 3 = 9; put 12 of 18 into one group → 6 free + 3 = 9 placeable: still fine.
    // Put 13 into one group → 5 free + 3 = 8 < 9: short.
    let n = 0;
    const tight = base.map((it) => (it.pointCode.startsWith('A-A-') && it.type === 'single' && n++ < 13 ? { ...it, enemyGroup: 'H' } : it));
    expect(() => buildParallelPapers(tight, bp, spec, { seed: 's' })).toThrow(
      expect.objectContaining({ shortCells: [{ cell: 'A-A', type: 'single', needed: 9, available: 8 }] }),
    );
  });

  it('covers a shortage with shared items only as far as maxOverlap allows', () => {
    // B-B single needs 1 per form; leave 2 items: one must be shared by two forms.
    const bank = bankFor(bp, { judge: 3, single: 6 }).filter((it) => !(it.pointCode.startsWith('B-B-') && it.type === 'single') || ['B-B-001-single-1', 'B-B-002-single-1'].includes(it.id));
    expect(() => buildParallelPapers(bank, bp, spec, { seed: 's' })).toThrow(
      expect.objectContaining({ shortCells: [{ cell: 'B-B', type: 'single', needed: 3, available: 2 }] }),
    );
    const r = buildParallelPapers(bank, bp, spec, { seed: 's', maxOverlap: 1 });
    expect(Object.values(r.overlap).reduce((a, b) => a + b, 0)).toBe(1);
    expect(check(r.papers, bank, { maxOverlap: 1 })).toEqual([]);
    expect(check(r.papers, bank, { maxOverlap: 0 }).map((v) => v.rule)).toEqual(['overlap']);
  });
  it('refuses when the short cells together need more shared items than every pair of forms may share', () => {
    // B-A judge and B-B single need 1 item per form; each keeps a single item, to be shared by all
    // three forms: 2 extra uses each, 4 in all, but maxOverlap 1 allows 3 pairs × 1.
    const keep = new Set(['B-A-001-judge-1', 'B-B-001-single-1']);
    const bank = bankFor(bp, { judge: 3, single: 6 }).filter(
      (it) => !((it.pointCode.startsWith('B-A-') && it.type === 'judge') || (it.pointCode.startsWith('B-B-') && it.type === 'single')) || keep.has(it.id),
    );
    expect(() => buildParallelPapers(bank, bp, spec, { seed: 's', maxOverlap: 1 })).toThrow(
      expect.objectContaining({
        shortCells: [
          { cell: 'B-A', type: 'judge', needed: 3, available: 1 },
          { cell: 'B-B', type: 'single', needed: 3, available: 1 },
        ],
        details: expect.objectContaining({ reason: 'overlap', overlapNeeded: 4, overlapAllowed: 3 }),
      }),
    );
    // One such cell alone fits: its item goes into all three forms, one shared item per pair.
    const one = bank.concat(bankFor(bp, { judge: 3 }).filter((it) => it.pointCode.startsWith('B-A-') && !keep.has(it.id)));
    const r = buildParallelPapers(one, bp, spec, { seed: 's', maxOverlap: 1 });
    expect(r.overlap).toEqual({ 'A-B': 1, 'A-C': 1, 'B-C': 1 });
    expect(check(r.papers, one, { maxOverlap: 1 })).toEqual([]);
  });
});

describe('parallelism on a realistic bank', () => {
  it('is far better than a naive random split of the same cells', () => {
    const c = syntheticBank(2000);
    const byId = new Map(c.bank.map((it) => [it.id, it]));
    for (const seed of ['q1', 'q2', 'q3']) {
      const ours = buildParallelPapers(c.bank, c.blueprint, c.spec, { seed, maxExposure: c.maxExposure });
      expect(checkParallelPapers({ papers: ours.papers, bank: c.bank, blueprint: c.blueprint, spec: c.spec, forms: 3, maxOverlap: 0, maxExposure: c.maxExposure })).toEqual([]);
      const naive = naiveSplit(c.bank, c, seed);
      const naiveDev = parallelDeviation(formStats(naive, byId, c.blueprint));
      expect(ours.deviation.importance).toBe(0);
      expect(ours.deviation.largest).toBeLessThan(1e-3);
      expect(ours.deviation.largest).toBeLessThan(naiveDev.largest / 20);
      const means = ours.stats.map((s) => s.meanDifficulty);
      expect(Math.max(...means) - Math.min(...means)).toBeLessThan(1e-4);
    }
  });
});

/** Random sample per cell dealt to forms at random: what one gets without balancing. */
function naiveSplit(bank: Item[], c: ReturnType<typeof syntheticBank>, seed: string): Paper[] {
  const rng = createRng(`naive:${seed}`);
  const papers: Paper[] = (['A', 'B', 'C'] as const).map((form) => ({ form, spec: c.spec, items: [] }));
  const usable = bank.filter((it) => it.status === 'active' && it.exposure < c.maxExposure);
  for (const q of cellCounts(c.blueprint, c.spec)) {
    const pool = shuffled(
      usable.filter((it) => it.type === q.type && cellOf(it.pointCode) === q.cell),
      rng,
    );
    for (let f = 0; f < 3; f++) {
      for (const it of pool.slice(f * q.count, (f + 1) * q.count)) {
        papers[f]!.items.push({ itemId: it.id, version: it.version, type: it.type, pointCode: it.pointCode, marks: 1, key: it.key, optionLabels: [] });
      }
    }
  }
  return papers;
}
